/* dnsorder probe program for the distro's libc-ares: ares_getaddrinfo against
 * one server given as argv[1] ("127.0.0.1:5353"). Same line protocol as
 * resolve.c; "--version" prints ares_version(). One channel per request so
 * nothing carries over between lookups. */
#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

#include "json-out.h"

static const char *status_name(int s) {
  static const char *names[] = {"ARES_SUCCESS", "ARES_ENODATA", "ARES_EFORMERR", "ARES_ESERVFAIL", "ARES_ENOTFOUND",
    "ARES_ENOTIMP", "ARES_EREFUSED", "ARES_EBADQUERY", "ARES_EBADNAME", "ARES_EBADFAMILY", "ARES_EBADRESP",
    "ARES_ECONNREFUSED", "ARES_ETIMEOUT", "ARES_EOF", "ARES_EFILE", "ARES_ENOMEM", "ARES_EDESTRUCTION",
    "ARES_EBADSTR", "ARES_EBADFLAGS", "ARES_ENONAME", "ARES_EBADHINTS", "ARES_ENOTINITIALIZED",
    "ARES_ELOADIPHLPAPI", "ARES_EADDRGETNETWORKPARAMS", "ARES_ECANCELLED", "ARES_ESERVICE"};
  return s >= 0 && s < (int)(sizeof names / sizeof *names) ? names[s] : "ARES_OTHER";
}

static void on_result(void *arg, int status, int timeouts, struct ares_addrinfo *res) {
  (void)arg; (void)timeouts;
  if (status != ARES_SUCCESS) {
    fputs("{\"addresses\":[],\"canonical\":null,\"error\":{\"code\":", stdout);
    json_string(status_name(status));
    fputs(",\"text\":", stdout);
    json_string(ares_strerror(status));
    fputs("}}\n", stdout);
  } else {
    fputs("{\"addresses\":[", stdout);
    int first = 1;
    for (struct ares_addrinfo_node *n = res->nodes; n; n = n->ai_next) {
      char buf[INET6_ADDRSTRLEN];
      const void *src = n->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)n->ai_addr)->sin_addr
                                                : (const void *)&((struct sockaddr_in6 *)n->ai_addr)->sin6_addr;
      inet_ntop(n->ai_family, src, buf, sizeof buf);
      if (!first) putchar(',');
      first = 0;
      json_string(buf);
    }
    /* With ARES_AI_CANONNAME the last CNAME's target is the canonical name;
     * without CNAMEs it is the queried name (ares_addrinfo.name). */
    const char *canonical = res->name;
    for (struct ares_addrinfo_cname *c = res->cnames; c; c = c->next) canonical = c->name;
    fputs("],\"canonical\":", stdout);
    json_string(canonical);
    fputs(",\"error\":null}\n", stdout);
  }
  fflush(stdout);
  if (res) ares_freeaddrinfo(res);
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s SERVER:PORT | --version\n", argv[0]); return 2; }
  if (strcmp(argv[1], "--version") == 0) { printf("c-ares %s\n", ares_version(NULL)); return 0; }
  ares_library_init(ARES_LIB_INIT_ALL);
  char line[1200], qtype[16], name[1100];
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "%15s %1099s", qtype, name) != 2) { puts("{\"addresses\":[],\"canonical\":null,\"error\":{\"code\":\"BAD_REQUEST\",\"text\":\"\"}}"); fflush(stdout); continue; }
    ares_channel channel;
    struct ares_options opts;
    memset(&opts, 0, sizeof opts);
    opts.timeout = 2000;      /* like the namespace resolv.conf: timeout:2 attempts:1 */
    opts.tries = 1;
    opts.ndomains = 0;        /* no search list */
    opts.lookups = "b";       /* DNS only, never /etc/hosts */
    int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS;
    int rc = ares_init_options(&channel, &opts, mask);
    if (rc == ARES_SUCCESS) rc = ares_set_servers_ports_csv(channel, argv[1]);
    if (rc != ARES_SUCCESS) { on_result(NULL, rc, 0, NULL); continue; }
    struct ares_addrinfo_hints hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = strcmp(qtype, "AAAA") == 0 ? AF_INET6 : AF_INET;
    hints.ai_flags = ARES_AI_CANONNAME;
    ares_getaddrinfo(channel, name, NULL, &hints, on_result, NULL);
    for (;;) {
      fd_set r, w;
      FD_ZERO(&r); FD_ZERO(&w);
      int nfds = ares_fds(channel, &r, &w);
      if (nfds == 0) break;
      struct timeval tv, *tvp = ares_timeout(channel, NULL, &tv);
      select(nfds, &r, &w, NULL, tvp);
      ares_process(channel, &r, &w);
    }
    ares_destroy(channel);
  }
  ares_library_cleanup();
  return 0;
}
