/* A dnsorder matrix client in C: getaddrinfo for one family, the way most
 * programs call it. It reads the system resolver configuration, so its
 * template has no {server} and dnsorder runs it in the matrix's network
 * namespace.
 *
 *   cc -O2 -o getaddrinfo-client examples/clients/getaddrinfo.c
 *   dnsorder matrix --client 'gai=./getaddrinfo-client {name} {type}'
 *
 * Prints one JSON line, dnsorder's client contract:
 *   {"addresses":[...in returned order],"canonical":"..."|null,"error":null|{"code","text"}} */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

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

static const char *eai_name(int rc) {
  switch (rc) {
    case EAI_NONAME: return "EAI_NONAME";
    case EAI_AGAIN: return "EAI_AGAIN";
    case EAI_FAIL: return "EAI_FAIL";
    case EAI_FAMILY: return "EAI_FAMILY";
    case EAI_MEMORY: return "EAI_MEMORY";
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

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s NAME A|AAAA\n", argv[0]); return 2; }
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = strcmp(argv[2], "AAAA") == 0 ? AF_INET6 : AF_INET;
  hints.ai_socktype = SOCK_STREAM; /* one entry per address */
  hints.ai_flags = AI_CANONNAME;   /* no AI_ADDRCONFIG: the namespace has only loopback */
  int rc = getaddrinfo(argv[1], NULL, &hints, &res);
  fputs("{\"addresses\":[", stdout);
  for (struct addrinfo *ai = rc == 0 ? res : NULL; ai; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN];
    const void *addr = ai->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                                                : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
    inet_ntop(ai->ai_family, addr, text, sizeof text);
    if (ai != res) putchar(',');
    json_string(text);
  }
  fputs("],\"canonical\":", stdout);
  json_string(rc == 0 ? res->ai_canonname : NULL);
  fputs(",\"error\":", stdout);
  if (rc != 0) {
    fputs("{\"code\":", stdout); json_string(eai_name(rc));
    fputs(",\"text\":", stdout); json_string(gai_strerror(rc)); putchar('}');
  } else fputs("null", stdout);
  fputs("}\n", stdout);
  if (res) freeaddrinfo(res);
  return 0;
}
