// Debian's zstd (libzstd-dev): recorded bodies, each compressed against the previous one.
#include <zstd.h>
