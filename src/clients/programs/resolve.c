/* dnsorder probe program for libc resolvers (glibc, musl).
 * Reads requests "<A|AAAA> <name>" one per line on stdin and prints, per
 * request, one JSON line: {"addresses":[...in returned order],"canonical":...,"error":...}.
 * argv[1] picks the API: "getaddrinfo" or "gethostbyname"; "--version" prints
 * the C library version. Built once per toolchain by src/clients/build-cache.ts. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

#include "json-out.h"

static void print_result(char addrs[][INET6_ADDRSTRLEN], int n, const char *canonical, const char *code, const char *text) {
  fputs("{\"addresses\":[", stdout);
  for (int i = 0; i < n; i++) { if (i) putchar(','); json_string(addrs[i]); }
  fputs("],\"canonical\":", stdout);
  json_string(canonical);
  fputs(",\"error\":", stdout);
  if (code) { fputs("{\"code\":", stdout); json_string(code); fputs(",\"text\":", stdout); json_string(text); putchar('}'); }
  else fputs("null", stdout);
  fputs("}\n", stdout);
  fflush(stdout);
}

static const char *eai_name(int rc) {
  switch (rc) {
    case EAI_NONAME: return "EAI_NONAME";
    case EAI_AGAIN: return "EAI_AGAIN";
    case EAI_FAIL: return "EAI_FAIL";
    case EAI_FAMILY: return "EAI_FAMILY";
    case EAI_MEMORY: return "EAI_MEMORY";
    case EAI_SERVICE: return "EAI_SERVICE";
    case EAI_SYSTEM: return "EAI_SYSTEM";
#ifdef EAI_NODATA
    case EAI_NODATA: return "EAI_NODATA";
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY: return "EAI_ADDRFAMILY";
#endif
    default: return "EAI_OTHER";
  }
}

static const char *herr_name(int h) {
  switch (h) {
    case HOST_NOT_FOUND: return "HOST_NOT_FOUND";
    case TRY_AGAIN: return "TRY_AGAIN";
    case NO_RECOVERY: return "NO_RECOVERY";
    case NO_DATA: return "NO_DATA";
    default: return "H_ERRNO_OTHER";
  }
}

#define MAX_ADDRS 128

static void with_getaddrinfo(int family, const char *name) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM; /* one entry per address, not one per socket type */
  hints.ai_flags = AI_CANONNAME;   /* no AI_ADDRCONFIG: the namespace only has loopback */
  int rc = getaddrinfo(name, NULL, &hints, &res);
  if (rc != 0) { print_result(NULL, 0, NULL, eai_name(rc), gai_strerror(rc)); return; }
  static char addrs[MAX_ADDRS][INET6_ADDRSTRLEN];
  int n = 0;
  for (struct addrinfo *ai = res; ai && n < MAX_ADDRS; ai = ai->ai_next) {
    const void *src = ai->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                                               : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
    inet_ntop(ai->ai_family, src, addrs[n++], INET6_ADDRSTRLEN);
  }
  print_result(addrs, n, res ? res->ai_canonname : NULL, NULL, NULL);
  freeaddrinfo(res);
}

static void with_gethostbyname(int family, const char *name) {
  struct hostent *h = gethostbyname2(name, family);
  if (!h) { print_result(NULL, 0, NULL, herr_name(h_errno), hstrerror(h_errno)); return; }
  static char addrs[MAX_ADDRS][INET6_ADDRSTRLEN];
  int n = 0;
  for (char **p = h->h_addr_list; *p && n < MAX_ADDRS; p++) inet_ntop(h->h_addrtype, *p, addrs[n++], INET6_ADDRSTRLEN);
  print_result(addrs, n, h->h_name, NULL, NULL);
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s getaddrinfo|gethostbyname|--version\n", argv[0]); return 2; }
  if (strcmp(argv[1], "--version") == 0) {
#if defined(__GLIBC__)
    printf("glibc %s\n", gnu_get_libc_version());
#else
    printf("unknown\n"); /* musl has no runtime version API; the adapter asks dpkg */
#endif
    return 0;
  }
  int use_gai = strcmp(argv[1], "getaddrinfo") == 0;
  char line[1200], qtype[16], name[1100];
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "%15s %1099s", qtype, name) != 2) { print_result(NULL, 0, NULL, "BAD_REQUEST", line); continue; }
    int family = strcmp(qtype, "AAAA") == 0 ? AF_INET6 : AF_INET;
    if (use_gai) with_getaddrinfo(family, name); else with_gethostbyname(family, name);
  }
  return 0;
}
