/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the running process may do and what the kernel offers, checked
 * before any BPF object is opened so the user gets one clear sentence
 * instead of a page of verifier or libbpf errors. Paths are relative to
 * a root directory so tests can use fixtures. */
#ifndef TRACETOP_PRIVILEGE_H
#define TRACETOP_PRIVILEGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TT_CAP_SYS_PTRACE 19
#define TT_CAP_SYS_ADMIN 21
#define TT_CAP_PERFMON 38
#define TT_CAP_BPF 39

/* Effective capability mask from <root>/proc/self/status, or -errno. */
int privilege_cap_eff(const char *root, uint64_t *caps);
/* True when caps allow loading and attaching tracing programs. */
bool privilege_caps_enough(uint64_t caps);
/* 0 when the kernel looks usable; otherwise an exit code from
 * exit_codes.h with a sentence (and its fix) in msg. */
int privilege_check(const char *root, char *msg, size_t len);

/* Drops every capability but those of keep (a mask of 1 << CAP_*, and
 * only those held) from the effective, permitted, inheritable, ambient
 * and bounding sets, and sets no_new_privs. Called once every BPF
 * program is attached and every map is open: map and ring operations on
 * fds already held need no capability. The profile keeps
 * CAP_SYS_PTRACE, to read the mappings of the processes it samples.
 * 0 or -errno. */
int privilege_drop(uint64_t keep);

#endif
