/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A replay's jump targets; see rec_when.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rec_when.h"

/* "HH:MM" or "HH:MM:SS": 0 with the seconds since midnight, or -1. */
static int clock_time(const char *s, long *secs)
{
	int h, m, sec = 0, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2)
		return -1;
	if (s[n] == ':') {
		int k = 0;

		if (sscanf(s + n + 1, "%2d%n", &sec, &k) != 1)
			return -1;
		n += 1 + k;
	}
	if (s[n] || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 ||
	    !isdigit((unsigned char)s[0]))
		return -1;
	*secs = h * 3600L + m * 60L + sec;
	return 0;
}

int rec_parse_when(const char *s, int64_t now_ms, int64_t first_ms, int64_t last_ms,
		   int64_t *out_ms, char *why, size_t len)
{
	long secs;
	char buf[64];
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	/* without trailing blanks */
	n = strnlen(s, sizeof(buf) - 1);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	s = buf;
	if (!strcmp(s, "start")) {
		*out_ms = first_ms;
		return 0;
	}
	if (!strcmp(s, "end")) {
		*out_ms = last_ms;
		return 0;
	}
	if (*s == '+' || *s == '-') {
		char *end;
		double v = strtod(s + 1, &end), unit = 1;

		if (end == s + 1 || !isfinite(v) || v < 0)
			goto bad;
		if (*end == 's')
			end++;
		else if (*end == 'm')
			unit = 60, end++;
		else if (*end == 'h')
			unit = 3600, end++;
		if (*end || v * unit > 1e9)
			goto bad;
		*out_ms = now_ms + (int64_t)llround((*s == '-' ? -v : v) * unit * 1000);
		return 0;
	}
	if (clock_time(s, &secs) == 0) {
		/* that time of the day shown, the day before or the day
		 * after: whichever is nearest the time shown */
		time_t t = (time_t)(now_ms / 1000);
		struct tm tm;
		int64_t best = 0, dist = INT64_MAX;

		for (int d = -1; d <= 1; d++) {
			struct tm day;
			time_t at;

			if (!localtime_r(&t, &tm))
				goto bad;
			day = tm;
			day.tm_mday += d;
			day.tm_hour = (int)(secs / 3600);
			day.tm_min = (int)(secs / 60 % 60);
			day.tm_sec = (int)(secs % 60);
			day.tm_isdst = -1;
			at = mktime(&day);
			if (at == (time_t)-1)
				continue;
			if (llabs((long long)at * 1000 - now_ms) < dist) {
				dist = llabs((long long)at * 1000 - now_ms);
				best = (int64_t)at * 1000;
			}
		}
		if (dist == INT64_MAX)
			goto bad;
		*out_ms = best;
		return 0;
	}
bad:
	snprintf(why, len, "not a time: '%.40s' (10:42:05, 10:42, -5m, +30s, -1.5h, +90, start, end)",
		 s);
	return -1;
}
