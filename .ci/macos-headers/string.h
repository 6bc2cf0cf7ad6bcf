/* A stand-in for the macOS SDK's string.h, for `cargo check` from Linux only (see
 * TargetConditionals.h here and scripts/cross-check): the functions ring's C calls. */
#ifndef SMTP_SETUP_STUB_STRING_H
#define SMTP_SETUP_STUB_STRING_H
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif
