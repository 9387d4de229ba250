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
	memcpy(&e, rec, sizeof(e));	/* the record need not be aligned */
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
	take_comm(out->comm, e.comm);
	return 0;
}

static int decode_open(const unsigned char *rec, size_t size, struct tt_event *out)
{
	const char *path = (const char *)rec + sizeof(struct open_event);
	struct open_event e;

	if (size < sizeof(e))
		return -EINVAL;
	memcpy(&e, rec, sizeof(e));
	if (sizeof(e) + (size_t)e.path_len != size)
		return -EINVAL;
	if (e.syscall > OPEN_SC_CREAT)
		return -EINVAL;
	if (take_string(path, e.path_len, &out->path, &out->path_len))
		return -EINVAL;
	out->args = NULL;
	out->args_len = 0;
	out->type = TT_EVENT_OPEN;
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
		err = decode_open(rec, hdr.size, &ev);
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
