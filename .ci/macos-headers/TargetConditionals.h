/* A stand-in for the macOS SDK's TargetConditionals.h, for `cargo check` from Linux only.
 * ring's C includes it to tell macOS from iOS; the SDK itself is not on this machine (and may
 * not be redistributed). Nothing is linked from a check, so these few facts are enough: see
 * scripts/cross-check. Never used for a real macOS build, which has the SDK. */
#ifndef SMTP_SETUP_STUB_TARGET_CONDITIONALS_H
#define SMTP_SETUP_STUB_TARGET_CONDITIONALS_H
#define TARGET_OS_OSX 1
#define TARGET_OS_MAC 1
#define TARGET_OS_IPHONE 0
#define TARGET_OS_IOS 0
#define TARGET_OS_TV 0
#define TARGET_OS_WATCH 0
#define TARGET_OS_SIMULATOR 0
#endif
