#!/usr/bin/perl
# The demo cluster's power switch line: relays the sandbox requests of external/sandbox (the STONITH
# plugin inside pm1/pm2) to the sandbox supervisor. The supervisor listens on
# /run/pacer-sandbox/<name>/control.sock, which a node cannot reach (its /run is its own); this relay
# listens on a path the nodes share with the host (under the build tree) and passes on only what a
# power switch may ask: `status` and `power reset|off|on pmN`. Anything else is refused, so a node
# cannot run commands in its peer through it.
#
#   switch_relay.pl LISTEN_PATH SUPERVISOR_SOCKET
#
# It writes its pid to LISTEN_PATH.pid and exits, removing both files, on SIGTERM or as soon as the
# supervisor's socket is gone or replaced (the sandbox was taken down: `sandbox down`, demo.sh down,
# a test's teardown), so it never outlives the demo by more than a second.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use POSIX ();

my ($listen_path, $supervisor) = @ARGV;
die "usage: switch_relay.pl LISTEN_PATH SUPERVISOR_SOCKET\n" unless defined $supervisor;
my @sup_id = (stat $supervisor)[0, 1];
die "switch_relay: no supervisor socket $supervisor\n" unless defined $sup_id[1];

unlink $listen_path;
my $listener = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $listen_path, Listen => 16)
  or die "switch_relay: listen $listen_path: $!\n";
chmod 0600, $listen_path;
my $pid_file = "$listen_path.pid";
open(my $pf, '>', $pid_file) or die "switch_relay: $pid_file: $!\n";
print $pf "$$\n";
close $pf;
my $relay_pid = $$;
sub cleanup { unlink $listen_path, $pid_file if $$ == $relay_pid }
$SIG{CHLD} = 'IGNORE';
$SIG{TERM} = $SIG{INT} = $SIG{HUP} = sub { cleanup(); exit 0 };

sub supervisor_alive {
  my @id = (stat $supervisor)[0, 1];
  return defined $id[1] && $id[0] == $sup_id[0] && $id[1] == $sup_id[1];
}

sub allowed {
  my @w = split /\t/, $_[0], -1;
  return 1 if @w == 1 && $w[0] eq 'status';
  return @w == 3 && $w[0] eq 'power' && $w[1] =~ /\A(?:reset|off|on)\z/ && $w[2] =~ /\Apm[0-9]+\z/;
}

sub serve {
  my ($client) = @_;
  alarm 30;    # a power request takes about a second; never hang a plugin forever
  my $line = '';
  while ($line !~ /\n/) {
    my $n = sysread($client, $line, 4096, length $line);
    return if !$n || length $line > 4096;
  }
  $line =~ s/\n.*//s;
  unless (allowed($line)) {
    syswrite($client, "err\nthe demo's switch relay passes only status and power requests\n");
    return;
  }
  my $up = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $supervisor);
  unless ($up) {
    syswrite($client, "err\nthe sandbox supervisor does not answer\n");
    return;
  }
  syswrite($up, "$line\n");
  my $buf;
  while (sysread($up, $buf, 65536)) { syswrite($client, $buf) }
}

my $select = IO::Select->new($listener);
while (supervisor_alive()) {
  next unless $select->can_read(1);
  my $client = $listener->accept or next;
  my $pid = fork;
  if (defined $pid && $pid == 0) {
    close $listener;
    serve($client);
    POSIX::_exit(0);
  }
  close $client;
}
cleanup();
