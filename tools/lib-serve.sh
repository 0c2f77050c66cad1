# lib-serve.sh: start and stop `phoihop serve` on a free loopback port, for
# the scripts that drive a real server (tools/browser-test.sh,
# bench/load.sh). Source it; it defines two functions.

# serve_start BIN DB DIR [SERVE-ARGS...]: start the server in the
# background, its output in DIR/serve.out and DIR/serve.err, its access log
# in DIR/access.log. Sets serve_pid and serve_url ("http://127.0.0.1:PORT",
# read from the server's first line). Returns 1 when it did not start.
serve_start() {
	local bin=$1 db=$2 dir=$3
	shift 3
	"$bin" --db "$db" serve --listen 127.0.0.1:0 --access-log "$dir/access.log" "$@" \
		>"$dir/serve.out" 2>"$dir/serve.err" &
	serve_pid=$!
	serve_url=
	for _ in $(seq 100); do
		serve_url=$(grep -Eo 'http://[0-9.]+:[0-9]+' "$dir/serve.out" 2>/dev/null | head -1)
		[ -n "$serve_url" ] && return 0
		kill -0 "$serve_pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# serve_stop: SIGTERM, then wait. Returns the server's exit status (0 after
# a clean stop); does nothing when no server runs.
serve_stop() {
	[ -n "${serve_pid:-}" ] || return 0
	local status=0
	if kill -0 "$serve_pid" 2>/dev/null; then
		kill -TERM "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null || status=$?
	fi
	serve_pid=
	return $status
}
