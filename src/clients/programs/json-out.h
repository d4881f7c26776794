/* JSON string output shared by the C probe programs (resolve.c, cares.c). */
#ifndef DNSORDER_JSON_OUT_H
#define DNSORDER_JSON_OUT_H
#include <stdio.h>

static void json_string(const char *s) {
  if (!s) { fputs("null", stdout); return; }
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') printf("\\%c", *p);
    else if (*p < 0x20 || *p >= 0x7f) printf("\\u%04x", *p);
    else putchar(*p);
  }
  putchar('"');
}

#endif
