/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Short number formats for table cells and header fields. Kept in one
 * place so every pane writes "12.3k" the same way. */
#include <math.h>
#include <stdio.h>
#include "format.h"

static char *scaled(double v, char *buf, size_t len)
{
	static const char units[] = "kMGTPE";
	unsigned u = 0;

	v /= 1000.0;
	while (v >= 999.5 && u + 1 < sizeof(units) - 1) {
		v /= 1000.0;
		u++;
	}
	if (v < 9.995)
		snprintf(buf, len, "%.2f%c", v, units[u]);
	else if (v < 99.95)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
	return buf;
}

char *fmt_rate(double v, char *buf, size_t len)
{
	if (!(v > 0) || isnan(v))
		snprintf(buf, len, "0");
	else if (v < 0.05)
		snprintf(buf, len, "<0.1");
	else if (v < 99.95)
		snprintf(buf, len, "%.1f", v);
	else if (v < 9999.5)
		snprintf(buf, len, "%.0f", v);
	else
		scaled(v, buf, len);
	return buf;
}

char *fmt_count(uint64_t v, char *buf, size_t len)
{
	if (v < 1000000)
		snprintf(buf, len, "%llu", (unsigned long long)v);
	else
		scaled((double)v, buf, len);
	return buf;
}

char *fmt_busy(double busy, char *buf, size_t len)
{
	double p = busy * 100;

	if (p < 99.95)
		return fmt_percent(busy, 1.0, buf, len);
	if (p < 99999.5)
		snprintf(buf, len, "%.0f", p);
	else
		snprintf(buf, len, "%.0fk", p / 1000);
	return buf;
}

char *fmt_percent(double part, double whole, char *buf, size_t len)
{
	double p = whole > 0 ? 100.0 * part / whole : 0;

	if (p <= 0)
		snprintf(buf, len, "0");
	else if (p < 0.05)
		snprintf(buf, len, "<0.1");
	else if (p < 99.95)
		snprintf(buf, len, "%.1f", p);
	else
		snprintf(buf, len, "100");
	return buf;
}

char *fmt_uptime(uint64_t s, char *buf, size_t len)
{
	if (s < 60)
		snprintf(buf, len, "%llus", (unsigned long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%llum%02llus", (unsigned long long)(s / 60), (unsigned long long)(s % 60));
	else if (s < 86400)
		snprintf(buf, len, "%lluh%02llum", (unsigned long long)(s / 3600),
			 (unsigned long long)(s / 60 % 60));
	else
		snprintf(buf, len, "%llud%02lluh", (unsigned long long)(s / 86400),
			 (unsigned long long)(s / 3600 % 24));
	return buf;
}

char *fmt_interval(double s, char *buf, size_t len)
{
	if (fabs(s - round(s)) < 1e-9)
		snprintf(buf, len, "%.0fs", s);
	else
		snprintf(buf, len, "%.1fs", s);
	return buf;
}
