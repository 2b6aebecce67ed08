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
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
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

/// Starts curses on the process's own stdin/stdout with terminal type `term` (NULL = $TERM).
static inline SCREEN *CNcursesw_newtermOnStdio(const char *term) { return newterm(term, stdout, stdin); }

/// Writes one glyph (a base character plus up to 4 combining characters, NUL-terminated) at the
/// cursor with attributes and an extended colour pair, through cchar_t so a wide character takes
/// its two cells. Returns ERR at the bottom-right cell (the write still happens).
static inline int CNcursesw_addGlyph(const wchar_t *glyph, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, glyph, attrs, 0, &pair) == ERR) return ERR;
    return wadd_wch(stdscr, &cell);
}

/// Repeats one single-width character `count` times from (y, x) with attributes and an extended
/// colour pair, in one call (blanking a rect row costs one call, not one per cell).
static inline int CNcursesw_hline(int y, int x, wchar_t character, attr_t attrs, int pair, int count) {
    cchar_t cell;
    wchar_t one[2] = { character, 0 };
    if (setcchar(&cell, one, attrs, 0, &pair) == ERR) return ERR;
    return mvwhline_set(stdscr, y, x, &cell, count);
}

/// Defines an extended pair (numbers above 255, direct colours); -1 = terminal default.
static inline int CNcursesw_definePair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

/// Sets the background used by erase (cells cleared between frames take the theme background).
static inline void CNcursesw_setBackground(attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t blank[2] = { L' ', 0 };
    setcchar(&cell, blank, attrs, 0, &pair);
    wbkgrndset(stdscr, &cell);
}

/// Reads one key without waiting: returns ERR when none, KEY_CODE_YES for a function key
/// (code in *out), OK for a character.
static inline int CNcursesw_readKey(unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return rc;
}

/// A terminfo string capability ("rmcup", "cnorm", "sgr0"…) or NULL when absent.
static inline const char *CNcursesw_terminfoString(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return NULL;
    return value;
}

/// The size of the terminal on `fd` from the kernel (TIOCGWINSZ); 0 on success.
static inline int CNcursesw_windowSize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

/// A terminfo numeric capability ("colors") or -1 when absent; valid before start_color.
static inline int CNcursesw_terminfoNumber(const char *name) {
    int value = tigetnum(name);
    return value < 0 ? -1 : value;
}

static inline attr_t CNcursesw_A_ITALIC(void) { return A_ITALIC; }

#endif
