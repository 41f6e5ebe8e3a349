#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests of `genex-reports`: `start DIR PORT` creates a fresh
# cluster in DIR (trust authentication, loopback only) with an empty database `genex_reports`,
# and prints its URL; `stop DIR` stops it and deletes DIR. PostgreSQL itself is installed by
# scripts/setup.sh. Runs the server as the `postgres` user when called as root.
set -euo pipefail
cmd=${1:?usage: postgres.sh start DIR PORT | stop DIR}
dir=${2:?data directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
	echo "postgres.sh: PostgreSQL is not installed (run scripts/setup.sh)" >&2
	exit 1
fi
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
case "$cmd" in
start)
	port=${3:?port}
	if [ -d "$dir" ]; then
		as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$dir"
	fi
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
	as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres genex_reports
	echo "postgres://postgres@127.0.0.1:$port/genex_reports"
	;;
stop)
	if [ -d "$dir/data" ]; then
		as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: postgres.sh start DIR PORT | stop DIR" >&2
	exit 1
	;;
esac
