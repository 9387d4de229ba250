/* The interactive front end as the loop sees it. */
#ifndef TRACETOP_APP_UI_H
#define TRACETOP_APP_UI_H

#include <stddef.h>
#include "frontend.h"
#include "msglog.h"
#include "options.h"

struct ui;

struct app_ui {
	struct ui *ui;		/* owned */
	struct frontend fe;
};

/* Enters full-screen mode; report (borrowed, may be NULL) is the probe
 * report the key i shows. 0, or -1 with a sentence in err. */
int app_ui_open(struct app_ui *u, const struct options *opt, const struct msglog *log,
		const char *report, char *err, size_t errlen);
/* Restores the terminal; idempotent. */
void app_ui_close(struct app_ui *u);

#endif
