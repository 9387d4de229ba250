/* Placeholder entry point while the foundation lands. */
#include <stdio.h>
int main(void)
{
	puts("tracetop: not built yet");
	return 1;
}
