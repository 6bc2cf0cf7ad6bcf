/* A stand-in for the macOS SDK's stdlib.h, for `cargo check` from Linux only (see
 * TargetConditionals.h here and scripts/cross-check). */
#ifndef SMTP_SETUP_STUB_STDLIB_H
#define SMTP_SETUP_STUB_STDLIB_H
#include <stddef.h>
void abort(void) __attribute__((noreturn));
#endif
