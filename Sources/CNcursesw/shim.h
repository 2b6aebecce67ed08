// The only door to curses. Wide-character API enabled; macros and shared globals that Swift
// cannot import (or that Swift 6 rejects as unsafe shared state) are wrapped as functions.
#ifndef LBTOP_CNCURSESW_SHIM_H
#define LBTOP_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t c);

/// Display columns of one character in the current locale (-1 when unprintable).
static inline int CNcursesw_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Adopts the environment's locale for character classes; if that is not UTF-8, falls back to
/// C.UTF-8 so widths stay right. Returns 1 when the environment itself asked for UTF-8.
static inline int CNcursesw_setUTF8Locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    int environmentIsUTF8 = codeset && (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't');
    if (!environmentIsUTF8) setlocale(LC_CTYPE, "C.UTF-8");
    return environmentIsUTF8;
}

static inline WINDOW *CNcursesw_stdscr(void) { return stdscr; }
static inline int CNcursesw_LINES(void) { return LINES; }
static inline int CNcursesw_COLS(void) { return COLS; }
static inline int CNcursesw_COLORS(void) { return COLORS; }
static inline int CNcursesw_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline void CNcursesw_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline int CNcursesw_KEY_F(int n) { return KEY_F(n); }
static inline attr_t CNcursesw_A_BOLD(void) { return A_BOLD; }
static inline attr_t CNcursesw_A_DIM(void) { return A_DIM; }
static inline attr_t CNcursesw_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t CNcursesw_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t CNcursesw_A_BLINK(void) { return A_BLINK; }
static inline attr_t CNcursesw_A_NORMAL(void) { return A_NORMAL; }
static inline int CNcursesw_ERR(void) { return ERR; }
static inline int CNcursesw_OK(void) { return OK; }
static inline int CNcursesw_KEY_CODE_YES(void) { return KEY_CODE_YES; }
static inline int CNcursesw_KEY_RESIZE(void) { return KEY_RESIZE; }

/// Writes `count` wide characters at (y, x) with one attribute set and colour pair,
/// through cchar_t so wide characters occupy their two cells.
static inline int CNcursesw_put(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    if (wmove(stdscr, y, x) == ERR) return ERR;
    int rc = OK;
    for (const wchar_t *p = text; *p; p++) {
        cchar_t cell;
        wchar_t one[2] = { *p, 0 };
        setcchar(&cell, one, attrs, 0, &pair);
        if (wadd_wch(stdscr, &cell) == ERR) rc = ERR;
    }
    return rc;
}

#endif
