# dnsorder probe program for Perl's Net::DNS: Net::DNS::Resolver->new(
# nameservers => [ARGV[0]], port => ARGV[1], recurse => 1)->query(name, type)
# for each request, keeping the records of the asked type from the reply's
# answer section the way Net::DNS's own documentation does:
#
#     my $reply = $res->query($name, 'A');
#     if ($reply) { print $_->address, "\n" for grep { $_->type eq 'A' } $reply->answer }
#     else        { warn "query failed: ", $res->errorstring, "\n" }
#
# The owner names are not looked at: every A (AAAA) record of the answer
# section is an address, wherever it sits and whoever owns it. Net::DNS
# exposes no canonical name (the CNAMEs are just records of the answer
# section), so "canonical" is always null.
#
# query() (Net::DNS::Resolver::Base) is send() without the search list, and
# returns the reply only when the header's ANCOUNT is not zero; otherwise undef,
# with errorstring saying why. Its errorstring is printed as the error:
#   NXDOMAIN                  -> code NXDOMAIN
#   NOERROR (an empty answer) -> code NO_DATA
#   another RCODE (SERVFAIL…) -> that RCODE
#   "query timed out"         -> TIMEOUT
#   anything else (a decode error of the last reply, a socket error) -> ERROR
# A reply with answers but no record of the asked type prints no address and
# no error, as the example above does.
#
# Timeouts: retrans 2 s and retry 1 (one try of 2 s) instead of the default
# 5 s and 4 rounds, so an ignored reply ends well inside dnsorder's cell
# limit. "--version" prints "Net::DNS <version>".
use strict;
use warnings;
use JSON::PP;
use Net::DNS;

if ( @ARGV && $ARGV[0] eq '--version' ) {
	print "Net::DNS $Net::DNS::VERSION\n";
	exit 0;
}

my $resolver = Net::DNS::Resolver->new(
	nameservers => [ $ARGV[0] ],
	port	    => $ARGV[1],
	recurse	    => 1,
	retrans	    => 2,
	retry	    => 1,
	);

my $json = JSON::PP->new->canonical;
my %RCODE = map { $_ => 1 } qw(FORMERR SERVFAIL NOTIMP REFUSED YXDOMAIN YXRRSET NXRRSET NOTAUTH NOTZONE);

sub failure {
	my ( $code, $text ) = @_;
	return { addresses => [], canonical => undef, error => { code => $code, text => $text } };
}

sub lookup {
	my ( $qtype, $name ) = @_;
	my $reply = $resolver->query( $name, $qtype );
	if ($reply) {
		my @addresses = map { $_->address } grep { $_->type eq $qtype } $reply->answer;
		return { addresses => \@addresses, canonical => undef, error => undef };
	}
	my $text = $resolver->errorstring // '';
	$text =~ s/\s+\z//;
	return failure( 'NXDOMAIN', $text ) if $text eq 'NXDOMAIN';
	return failure( 'NO_DATA', "$text (empty answer section)" ) if $text eq 'NOERROR';
	return failure( $text, $text ) if $RCODE{$text};
	return failure( 'TIMEOUT', $text ) if $text eq 'query timed out';
	return failure( 'ERROR', $text );
}

$| = 1;
while ( my $line = <STDIN> ) {
	my @fields = split ' ', $line;
	my $result;
	if ( @fields != 2 || $fields[0] !~ /\A(?:A|AAAA)\z/ ) {
		chomp $line;
		$result = failure( 'BAD_REQUEST', $line );
	} else {
		$result = lookup( $fields[0], $fields[1] );
	}
	print $json->encode($result), "\n";
}
