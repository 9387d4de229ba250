/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The probe report; see report.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "privilege.h"
#include "report.h"

static FILE *open_under(const char *root, const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return fopen(full, "re");
}

/* Mount point of the first filesystem of type fstype in /proc/mounts. */
static void find_mount(const char *root, const char *fstype, char *out, size_t len)
{
	FILE *f = open_under(root, "/proc/mounts");
	char dev[256], dir[256], type[64];

	out[0] = '\0';
	if (!f)
		return;
	while (fscanf(f, "%255s %255s %63s %*[^\n]", dev, dir, type) == 3) {
		if (!strcmp(type, fstype)) {
			snprintf(out, len, "%s", dir);
			break;
		}
	}
	fclose(f);
}

static void read_lockdown(const char *root, char *out, size_t len)
{
	FILE *f = open_under(root, "/sys/kernel/security/lockdown");
	char line[128];
	char *a, *b;

	snprintf(out, len, "not available (no lockdown LSM)");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && (a = strchr(line, '[')) && (b = strchr(a, ']'))) {
		*b = '\0';
		snprintf(out, len, "%s", a + 1);
	}
	fclose(f);
}

void report_gather(struct report_facts *f, const char *root)
{
	char path[512];
	struct utsname u;
	struct stat st;

	memset(f, 0, sizeof(*f));
	if (!root)
		root = "";
	if (uname(&u) == 0) {
		snprintf(f->kernel, sizeof(f->kernel), "%s", u.release);
		snprintf(f->machine, sizeof(f->machine), "%s", u.machine);
	}
	snprintf(path, sizeof(path), "%s/sys/kernel/btf/vmlinux", root);
	f->btf_bytes = stat(path, &st) == 0 ? (long long)st.st_size : -1;
	read_lockdown(root, f->lockdown, sizeof(f->lockdown));
	f->cap_known = privilege_cap_eff(root, &f->cap_eff) == 0;
	find_mount(root, "tracefs", f->tracefs, sizeof(f->tracefs));
	find_mount(root, "debugfs", f->debugfs, sizeof(f->debugfs));
}

static const char *yes(bool b)
{
	return b ? "yes" : "no";
}

void report_print(FILE *out, const struct report_facts *f,
		  const struct tt_source_status src[TT_SRC_MAX], const struct diag *diag)
{
	static const char *const states[] = { "off", "running", "FAILED" };
	enum msg_level lvl;
	const char *line;
	unsigned n;
	int i;

	fprintf(out, "tracetop probe report\n");
	fprintf(out, "  kernel        Linux %s %s\n", f->kernel, f->machine);
	if (f->btf_bytes >= 0)
		fprintf(out, "  BTF           /sys/kernel/btf/vmlinux (%lld bytes)\n", f->btf_bytes);
	else
		fprintf(out, "  BTF           missing: CONFIG_DEBUG_INFO_BTF is needed\n");
	fprintf(out, "  lockdown      %s\n", f->lockdown);
	if (f->cap_known)
		fprintf(out, "  capabilities  CapEff %016" PRIx64 " (CAP_BPF %s, CAP_PERFMON %s, "
			"CAP_SYS_ADMIN %s)\n", f->cap_eff,
			yes(f->cap_eff >> TT_CAP_BPF & 1), yes(f->cap_eff >> TT_CAP_PERFMON & 1),
			yes(f->cap_eff >> TT_CAP_SYS_ADMIN & 1));
	fprintf(out, "  tracefs       %s\n", f->tracefs[0] ? f->tracefs : "not mounted");
	fprintf(out, "  debugfs       %s\n", f->debugfs[0] ? f->debugfs : "not mounted");
	if (f->bpf_stats_off)
		fprintf(out, "  BPF stats     off (--bpf-stats turns them on)\n");
	else
		fprintf(out, "  BPF stats     %s\n", f->bpf_stats ? "available (--bpf-stats)" :
			"unavailable (own BPF cost cannot be shown)");
	if (f->drop == REPORT_DROP_DONE)
		fprintf(out, "  after attach  every capability dropped, no_new_privs set\n");
	else if (f->drop == REPORT_DROP_PTRACE)
		fprintf(out, "  after attach  every capability dropped but CAP_SYS_PTRACE (the profile\n"
			"                reads the mappings of the processes it samples),\n"
			"                no_new_privs set\n");
	else if (f->drop == REPORT_DROP_FAILED)
		fprintf(out, "  after attach  capabilities could NOT be dropped\n");
	fprintf(out, "sources\n");
	for (i = 0; i < TT_SRC_MAX; i++) {
		const struct tt_source_status *s = &src[i];

		fprintf(out, "  %-9s %-8s %-11s %s\n", tt_source_name(i),
			states[s->state <= TT_STATE_FAILED ? s->state : 0],
			s->state == TT_STATE_RUNNING ? s->hook : "-",
			s->state == TT_STATE_FAILED ? s->error : s->note);
	}
	fprintf(out, "hooks tried and skipped\n");
	for (n = DIAG_LINES; n-- > 0;) {
		line = diag_line(diag, n, &lvl);
		if (line && lvl >= MSG_INFO && strncmp(line, "libbpf:", 7))
			fprintf(out, "  %s\n", line);
	}
}

char *report_text(const struct report_facts *f, const struct tt_source_status src[TT_SRC_MAX],
		  const struct diag *diag)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	report_print(out, f, src, diag);
	if (fclose(out)) {
		free(text);
		return NULL;
	}
	return text;
}
