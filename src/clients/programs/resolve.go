// dnsorder probe program for Go's pure resolver (net.Resolver{PreferGo: true})
// with every query dialled to one server (os.Args[1], "127.0.0.1:5353").
// Same line protocol as resolve.c; "--version" prints runtime.Version().
// LookupCNAME is a separate lookup (Go 1.19 has no API returning both), so
// a cell's query count includes its queries.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"time"
)

type failure struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

type result struct {
	Addresses []string `json:"addresses"`
	Canonical *string  `json:"canonical"`
	Error     *failure `json:"error"`
}

func describe(err error) *failure {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		code := "DNS_ERROR"
		switch {
		case dnsErr.IsNotFound:
			code = "NOT_FOUND"
		case dnsErr.IsTimeout:
			code = "TIMEOUT"
		case dnsErr.IsTemporary:
			code = "TEMPORARY"
		}
		return &failure{Code: code, Text: dnsErr.Error()}
	}
	return &failure{Code: "ERROR", Text: err.Error()}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: resolve SERVER:PORT | --version")
		os.Exit(2)
	}
	if os.Args[1] == "--version" {
		fmt.Println(runtime.Version())
		return
	}
	server := os.Args[1]
	resolver := &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, server)
		},
	}
	in := bufio.NewScanner(os.Stdin)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) != 2 {
			out.Encode(result{Addresses: []string{}, Error: &failure{Code: "BAD_REQUEST", Text: in.Text()}})
			continue
		}
		network := "ip4"
		if fields[0] == "AAAA" {
			network = "ip6"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
		ips, err := resolver.LookupIP(ctx, network, fields[1])
		res := result{Addresses: []string{}}
		if err != nil {
			res.Error = describe(err)
		} else {
			for _, ip := range ips {
				res.Addresses = append(res.Addresses, ip.String())
			}
			if cname, err := resolver.LookupCNAME(ctx, fields[1]); err == nil {
				res.Canonical = &cname
			}
		}
		cancel()
		out.Encode(res)
	}
}
