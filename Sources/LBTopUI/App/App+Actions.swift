import LBTopCore

extension App {
    /// Keys for the `ActionController`: every key while its prompt is open, and the action keys
    /// (`d` `D` `r` `m` `w` `W` `space`) otherwise. nil = not an action key, for `AppState`.
    mutating func handleActionKey(_ key: Key) -> [Effect]? {
        let outcome: ActionController.Outcome
        if actions.isPrompting {
            outcome = actions.handlePrompt(key, snapshot: latest)
        } else {
            guard !state.isEditingFilter, !state.showHelp,
                  case .serverAction(let actionKey)? = keyMap.action(for: key) else { return nil }
            let context = ActionController.Context(snapshot: latest, view: state.view, detail: state.detail,
                                                   selection: state.selection.selected, rows: frame.rows)
            outcome = actions.begin(actionKey, in: context)
        }
        state.message = outcome.message
        return outcome.effects
    }
}
