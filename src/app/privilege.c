/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Privilege and kernel-support checks; see privilege.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include "exit_codes.h"
#include "privilege.h"

static FILE *open_under(const char *root, const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root ? root : "", path);
	return fopen(full, "re");
}

int privilege_cap_eff(const char *root, uint64_t *caps)
{
	FILE *f = open_under(root, "/proc/self/status");
	char line[256];
	int err = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "CapEff: %" SCNx64, caps) == 1) {
			err = 0;
			break;
		}
	}
	fclose(f);
	return err;
}

bool privilege_caps_enough(uint64_t caps)
{
	uint64_t need = (1ULL << TT_CAP_BPF) | (1ULL << TT_CAP_PERFMON);

	return (caps & need) == need || (caps & (1ULL << TT_CAP_SYS_ADMIN));
}

static bool file_exists(const char *root, const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root ? root : "", path);
	return access(full, R_OK) == 0;
}

int privilege_check(const char *root, char *msg, size_t len)
{
	uint64_t caps = 0;
	char line[128] = "";
	FILE *f;

	if (privilege_cap_eff(root, &caps) != 0 || !privilege_caps_enough(caps)) {
		snprintf(msg, len, "needs root, or the capabilities CAP_BPF and "
			 "CAP_PERFMON, to load its BPF programs: run it with sudo.");
		return TT_EXIT_PRIVILEGE;
	}
	if (!file_exists(root, "/sys/kernel/btf/vmlinux")) {
		snprintf(msg, len, "this kernel exposes no BTF type information "
			 "(/sys/kernel/btf/vmlinux is missing): tracetop needs a kernel "
			 "built with CONFIG_DEBUG_INFO_BTF=y.");
		return TT_EXIT_KERNEL;
	}
	f = open_under(root, "/sys/kernel/security/lockdown");
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
		if (strstr(line, "[confidentiality]")) {
			snprintf(msg, len, "the kernel is in lockdown mode 'confidentiality', "
				 "which forbids the BPF tracing tracetop relies on; boot with "
				 "lockdown=integrity or none.");
			return TT_EXIT_KERNEL;
		}
	}
	return 0;
}

static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int cap = 63;

	if (f) {
		if (fscanf(f, "%d", &cap) != 1)
			cap = 63;
		fclose(f);
	}
	return cap;
}

int privilege_drop(uint64_t keep)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	int cap, top = last_cap();

	/* The bounding set first, where allowed: dropping from it needs
	 * CAP_SETPCAP, which a non-root run with only CAP_BPF and
	 * CAP_PERFMON lacks. That is no reason to keep the rest: with the
	 * permitted set and no_new_privs below, nothing the bounding set
	 * still allows can be gained back. */
	for (cap = 0; cap <= top; cap++)
		if (!(cap < 64 && (keep >> cap & 1)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)) {
			if (errno == EPERM)
				break;
			if (errno != EINVAL)
				return -errno;
		}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL)
		return -errno;
	/* effective and permitted: what is kept of what was held;
	 * inheritable empty */
	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	keep &= (uint64_t)data[1].permitted << 32 | data[0].permitted;
	memset(data, 0, sizeof(data));
	data[0].effective = data[0].permitted = (uint32_t)keep;
	data[1].effective = data[1].permitted = (uint32_t)(keep >> 32);
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return 0;
}
