/* A stand-in for the macOS SDK's assert.h, for `cargo check` from Linux only (see
 * TargetConditionals.h here and scripts/cross-check): checks compile to nothing. */
#ifndef SMTP_SETUP_STUB_ASSERT_H
#define SMTP_SETUP_STUB_ASSERT_H
#define assert(condition) ((void)0)
#endif
