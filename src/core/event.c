/* SPDX-License-Identifier: GPL-2.0-or-later */
/* event_decode(): raw ring-buffer records -> struct tt_event.
 *
 * The kernel side is trusted to be correct, not to be bug-free: a record
 * is accepted only when its size, its lengths and its string terminators
 * agree exactly with the bytes received, so that nothing downstream ever
 * reads past a record. Strings are left raw (control bytes included);
 * sanitising them for a terminal is the writers' job.
 */
#include <errno.h>
#include <string.h>
#include "event.h"
#include "path_calls.h"

/* Counts the NUL-terminated strings in the len bytes at s. */
static size_t count_strings(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += s[i] == '\0';
	return n;
}

/* A string field of len bytes must end in its NUL (or be empty); the
 * decoded length leaves the NUL out. */
static int take_string(const char *s, size_t len, const char **out, size_t *out_len)
{
	if (len && s[len - 1] != '\0')
		return -EINVAL;
	*out = s;
	*out_len = len ? len - 1 : 0;
	return 0;
}

static void take_comm(char dst[TT_COMM_LEN + 1], const char src[TT_COMM_LEN])
{
	memcpy(dst, src, TT_COMM_LEN);
	dst[TT_COMM_LEN] = '\0';
}

static int decode_exec(const unsigned char *rec, size_t size, struct tt_event *out)
{
	const char *data = (const char *)rec + sizeof(struct exec_event);
	struct exec_event e;
	size_t nstr;

	if (size < sizeof(e))
		return -EINVAL;
	memcpy(&e, rec, sizeof(e));
	/* the kernel returns -errno in [-4095, -1]; anything lower is garbage */
	if (e.ret < -4095)
		return -EINVAL;	/* the record need not be aligned */
	if (sizeof(e) + (size_t)e.filename_len + e.args_len != size)
		return -EINVAL;
	if (take_string(data, e.filename_len, &out->path, &out->path_len) ||
	    take_string(data + e.filename_len, e.args_len, &out->args, &out->args_len))
		return -EINVAL;
	/* argc counts every argument, the bytes may hold fewer: only a cut
	 * or a fault allows fewer, nothing allows more. */
	nstr = count_strings(out->args, e.args_len);
	if (nstr > e.argc)
		return -EINVAL;
	if (nstr < e.argc && !(e.flags & (EXEC_F_ARGS_TRUNC | EXEC_F_ARGS_FAULT)))
		return -EINVAL;
	/* an unreadable entry is a fault, and one of the entries kept */
	if (e.args_unread && (!(e.flags & EXEC_F_ARGS_FAULT) ||
			      (nstr < EXEC_UNREAD_BITS && e.args_unread >> nstr)))
		return -EINVAL;
	out->type = TT_EVENT_EXEC;
	out->ts_ns = e.ts_ns;
	out->duration_ns = e.duration_ns;
	out->pid = e.pid;
	out->tid = e.tid;
	out->ppid = e.ppid;
	out->uid = e.uid;
	out->ret = e.ret;
	out->dirfd = e.dirfd;
	out->flags = e.flags;
	out->argc = e.argc;
	out->args_n = (uint16_t)nstr;
	out->args_unread = e.args_unread;
	take_comm(out->comm, e.comm);
	take_comm(out->pcomm, e.pcomm);
	return 0;
}

/* An open, or a path call (the same layout, another list of calls). */
static int decode_open(const unsigned char *rec, size_t size, bool path_call,
		       struct tt_event *out)
{
	const char *path = (const char *)rec + sizeof(struct open_event);
	struct open_event e;

	if (size < sizeof(e))
		return -EINVAL;
	memcpy(&e, rec, sizeof(e));
	/* the kernel returns -errno in [-4095, -1]; anything lower is garbage */
	if (e.ret < -4095)
		return -EINVAL;
	if (sizeof(e) + (size_t)e.path_len + (size_t)e.base_len != size)
		return -EINVAL;
	if (path_call ? e.syscall >= path_calls_n : e.syscall > OPEN_SC_CREAT)
		return -EINVAL;
	if (e.base_kind > OPEN_BASE_DIRFD)
		return -EINVAL;
	if (take_string(path, e.path_len, &out->path, &out->path_len))
		return -EINVAL;
	/* the base's components are NUL-terminated strings back to back */
	if (e.base_len && path[e.path_len + e.base_len - 1] != '\0')
		return -EINVAL;
	out->args = NULL;
	out->args_len = 0;
	out->raw_path = out->path;
	out->raw_path_len = out->path_len;
	out->path_base = e.base_kind;
	out->base = e.base_len || e.base_kind ? path + e.path_len : NULL;
	out->base_len = e.base_len;
	out->type = path_call ? TT_EVENT_PATH : TT_EVENT_OPEN;
	out->ts_ns = e.ts_ns;
	out->duration_ns = e.duration_ns;
	out->pid = e.pid;
	out->tid = e.tid;
	out->uid = e.uid;
	out->ret = e.ret;
	out->dirfd = e.dirfd;
	out->flags = e.rflags;
	out->open_syscall = e.syscall;
	out->mode = e.mode;
	out->open_flags = e.flags;
	take_comm(out->comm, e.comm);
	return 0;
}

static int decode_proc(const unsigned char *rec, size_t size, struct tt_event *out)
{
	struct tt_proc_event e;

	if (size != sizeof(e))
		return -EINVAL;
	memcpy(&e, rec, sizeof(e));
	if (e.kind != TT_PROC_FORK && e.kind != TT_PROC_EXIT)
		return -EINVAL;
	out->type = TT_EVENT_PROC;
	out->flags = e.kind;
	out->ts_ns = e.ts_ns;
	out->pid = out->tid = e.pid;
	out->ppid = e.ppid;
	out->ret = e.code;
	take_comm(out->comm, e.comm);
	return 0;
}

int event_decode(const void *rec, size_t len, struct tt_event *out)
{
	struct tt_rec_hdr hdr;
	struct tt_event ev;
	int err;

	if (!rec || !out || len < sizeof(hdr))
		return -EINVAL;
	memcpy(&hdr, rec, sizeof(hdr));
	/* The ring may pad a record; its own size is what counts, and it
	 * must lie within what was received. */
	if (hdr.size > len)
		return -EINVAL;
	memset(&ev, 0, sizeof(ev));
	switch (hdr.type) {
	case TT_REC_EXEC:
		err = decode_exec(rec, hdr.size, &ev);
		break;
	case TT_REC_OPEN:
	case TT_REC_PATH:
		err = decode_open(rec, hdr.size, hdr.type == TT_REC_PATH, &ev);
		break;
	case TT_REC_PROC:
		err = decode_proc(rec, hdr.size, &ev);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err)
		return err;
	*out = ev;	/* transactional: *out untouched on error */
	return 0;
}

const char *event_arg(const struct tt_event *ev, unsigned i, size_t *off, size_t *n)
{
	const char *a;

	if (!ev->args || i >= ev->args_n || *off > ev->args_len)
		return NULL;
	a = ev->args + *off;
	*n = strnlen(a, ev->args_len - *off);
	*off += *n + 1;
	return a;
}

bool event_argv0_names_file(const struct tt_event *ev)
{
	size_t off = 0, n, plen;
	const char *a0 = event_arg(ev, 0, &off, &n), *base;

	if (!a0 || !ev->path || !ev->path_len || event_arg_unread(ev, 0))
		return true;
	plen = strnlen(ev->path, ev->path_len);
	if (n == plen && !memcmp(a0, ev->path, n))
		return true;
	base = ev->path + plen;
	while (base > ev->path && base[-1] != '/')
		base--;
	return n == plen - (size_t)(base - ev->path) && !memcmp(a0, base, n);
}

/* Copies n bytes at *pos in buf (len bytes), keeping room for a NUL. */
static int put(char *buf, size_t len, size_t *pos, const char *s, size_t n)
{
	if (*pos + n + 1 > len)
		return -ENAMETOOLONG;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
	return 0;
}

int event_resolve_path(struct tt_event *ev, char *buf, size_t len)
{
	const char *comp[OPEN_BASE_DEPTH];
	size_t clen[OPEN_BASE_DEPTH], n = 0, off = 0, pos = 0, rlen;
	const char *rel;
	int i;

	if (ev->type != TT_EVENT_OPEN && ev->type != TT_EVENT_PATH)
		return 0;
	ev->raw_path = ev->path;
	ev->raw_path_len = ev->path_len;
	/* a base cut short or unreadable would name the wrong directory:
	 * keep the argument as it was passed */
	if (!ev->base || ev->path_base == OPEN_BASE_NONE ||
	    (ev->flags & (OPEN_F_BASE_TRUNC | OPEN_F_BASE_FAULT)) ||
	    (ev->path_len && ev->path[0] == '/')) {
		ev->path_base = OPEN_BASE_NONE;
		return 0;
	}
	while (off < ev->base_len && n < OPEN_BASE_DEPTH) {
		clen[n] = strnlen(ev->base + off, ev->base_len - off);
		comp[n] = ev->base + off;
		off += clen[n] + 1;
		n++;
	}
	if (len)
		buf[0] = '\0';
	if (!n && put(buf, len, &pos, "/", 1))
		goto too_long;
	for (i = (int)n - 1; i >= 0; i--)
		if (put(buf, len, &pos, "/", 1) || put(buf, len, &pos, comp[i], clen[i]))
			goto too_long;
	/* "./x" is "x" and "." alone names the base itself; ".." stays, as
	 * a symlinked base would make dropping it wrong */
	rel = ev->path;
	rlen = ev->path_len;
	while (rlen >= 2 && rel[0] == '.' && rel[1] == '/') {
		rel += 2;
		rlen -= 2;
		while (rlen && rel[0] == '/') {
			rel++;
			rlen--;
		}
	}
	if (!rlen || (rlen == 1 && rel[0] == '.'))
		goto done;
	if ((pos > 1 && put(buf, len, &pos, "/", 1)) || put(buf, len, &pos, rel, rlen))
		goto too_long;
done:
	ev->path = buf;
	ev->path_len = pos;
	return 0;
too_long:
	ev->path_base = OPEN_BASE_NONE;
	return -ENAMETOOLONG;
}

const char *event_path_base_name(const struct tt_event *ev)
{
	if (ev->path_base == OPEN_BASE_CWD)
		return "cwd";
	if (ev->path_base == OPEN_BASE_DIRFD)
		return "dirfd";
	if (ev->path_len && ev->path[0] == '/')
		return "absolute";
	return "raw";
}
