#!/usr/bin/env bash
# Proves the README's promise that a JDK is all a machine needs: clones the committed HEAD of this
# repository into a temporary folder and runs the two commands there, with a PATH of only a JDK and
# basic tools (no mvn, no node, no curl). Prints each step and how long it took.
#   infra/fresh-machine.sh [--start-only] [--cold-m2] [--working-tree [-- PATH...]] [--jdk DIR] [--keep]
#     --start-only    start, check the services answer and stop; skip './tributary test' (~13 min on 2 cores)
#     --cold-m2       a HOME of its own, so ~/.m2 starts empty: Maven and every dependency are downloaded
#     --working-tree  also copy in this working tree's uncommitted changes, to try them before a commit;
#                     after --, only those under the paths given
#     --jdk DIR       the JDK to put on PATH (default: $JAVA_HOME if 21+, else the newest 21+ found)
#     --keep          keep the temporary folder (it is kept anyway when a step fails)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIRED=21
READY_TIMEOUT_S=1800

start_only=false cold_m2=false working_tree=false keep=false jdk="" paths=()
while (( $# > 0 )); do
  case "$1" in
    --start-only) start_only=true ;;
    --cold-m2) cold_m2=true ;;
    --working-tree) working_tree=true ;;
    --keep) keep=true ;;
    --jdk) jdk="$2"; shift ;;
    --) shift; paths=("$@"); break ;;
    *) sed -n '2,/^[^#]/p' "$0" | sed -n 's/^# \{0,1\}//p' >&2; exit 2 ;;
  esac
  shift
done

now_ms() { date +%s%3N; }
T0="$(now_ms)"
STEPS=()
say() { printf 'fresh-machine: [%6.1f s] %s\n' "$(( $(now_ms) - T0 ))e-3" "$*"; }
step_done() { # name started_ms
  local took="$(( $(now_ms) - $2 ))"
  STEPS+=("$(printf '%-42s %7.1f s' "$1" "${took}e-3")")
  say "$1: done in $(printf '%.1f' "${took}e-3") s"
}
fail() { say "FAILED: $*"; say "kept $WORK for a look"; exit 1; }

jdk_major() { # the major version a JDK's release file names, or nothing
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
pick_jdk() {
  local d best="" best_v=0 v
  if [[ -n "${JAVA_HOME:-}" && "$(jdk_major "$JAVA_HOME")" -ge $REQUIRED ]] 2>/dev/null; then echo "$JAVA_HOME"; return; fi
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -x "$d/bin/javac" ]] || continue
    v="$(jdk_major "$d")"
    [[ "$v" =~ ^[0-9]+$ ]] && (( v >= REQUIRED && v > best_v )) && { best="$d"; best_v=$v; }
  done
  echo "$best"
}

# The PATH of a machine with a JDK and nothing else: a folder of links to the basic tools.
TOOLS=(bash sh env git sed awk grep tar gzip
       basename cat chmod cp cut date dirname du expr false head id ln ls mkdir mktemp mv nproc printf pwd
       readlink realpath rm rmdir sha512sum sleep sort tail tee touch tr true uname uniq wc
       unshare) # util-linux, on every Linux: embedded Postgres uses it to run initdb and the server when run as root
make_path() { # folder
  mkdir -p "$1"
  local tool found
  for tool in "${TOOLS[@]}"; do
    found="$(type -P "$tool" || true)"
    [[ -n "$found" ]] && ln -s "$found" "$1/$tool"
  done
}

http_get() { # port path: sets STATUS and BODY; fails if nothing answers
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS= read -r -t 10 line <&3 || true
  STATUS="$(echo "$line" | awk '{print $2}')"
  BODY="$(cat <&3)"
  exec 3<&-
}

[[ -n "$jdk" ]] || jdk="$(pick_jdk)"
[[ -n "$jdk" && -x "$jdk/bin/java" ]] || { echo "fresh-machine: no JDK $REQUIRED+ found; pass --jdk DIR" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tributary-fresh.XXXXXX")"
CLONE="$WORK/tributary"
say "temporary folder $WORK"

started="$(now_ms)"
commit="$(git -C "$ROOT" rev-parse HEAD)"
git clone --quiet --no-hardlinks "$ROOT" "$CLONE"
git -C "$CLONE" checkout --quiet --detach "$commit"
say "cloned $ROOT at $(git -C "$ROOT" log -1 --format='%h %s' "$commit")"
if $working_tree; then
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard -- "${paths[@]}" \
    | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh | tar cf - --null -T -) | tar xf - -C "$CLONE"
  (cd "$ROOT" && git ls-files -z --deleted -- "${paths[@]}") | (cd "$CLONE" && xargs -0 -r rm -f)
  say "copied in the working tree's uncommitted changes${paths[*]:+ under ${paths[*]}}: $(git -C "$CLONE" status --short | wc -l) file(s)"
  git -C "$CLONE" status --short | sed 's/^/  | /'
fi
step_done "clone" "$started"

FRESH_PATH="$WORK/bin"
make_path "$FRESH_PATH"
HOME_DIR="$HOME"
if $cold_m2; then
  HOME_DIR="$WORK/home"
  mkdir -p "$HOME_DIR"
  say "HOME is $HOME_DIR: an empty ~/.m2, so Maven and every dependency are downloaded"
else
  say "HOME is $HOME: ~/.m2 is reused (a cache of dependencies and of the Maven the wrapper downloads, not an installed tool); --cold-m2 starts it empty"
fi
say "PATH is $jdk/bin and $FRESH_PATH: $(ls "$FRESH_PATH" | tr '\n' ' ')"
for absent in mvn node curl wget; do
  if PATH="$jdk/bin:$FRESH_PATH" type -P "$absent" >/dev/null; then fail "$absent is on the fresh PATH"; fi
done
ENV=(env -i HOME="$HOME_DIR" PATH="$jdk/bin:$FRESH_PATH" LANG=C.UTF-8 TERM=dumb)
for passed in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY MVNW_REPOURL \
              TRIBUTARY_DYNAMODB_PORT TRIBUTARY_POSTGRES_PORT TRIBUTARY_COMMAND_PORT TRIBUTARY_QUERY_PORT TRIBUTARY_PROJECTOR_PORT; do
  [[ -n "${!passed:-}" ]] && ENV+=("$passed=${!passed}")
done

started="$(now_ms)"
say "./tributary start (output in $WORK/start.log)"
(cd "$CLONE" && exec "${ENV[@]}" ./tributary start) >"$WORK/start.log" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null || true' EXIT
built=""
until grep -q '^tributary: ready in' "$WORK/start.log"; do
  kill -0 "$launcher" 2>/dev/null || { tail -n 30 "$WORK/start.log"; fail "./tributary start exited before it was ready"; }
  (( $(now_ms) - started < READY_TIMEOUT_S * 1000 )) || { tail -n 30 "$WORK/start.log"; fail "not ready after $READY_TIMEOUT_S s"; }
  if [[ -z "$built" ]] && grep -q '^tributary: \[' "$WORK/start.log"; then
    step_done "./tributary start: the build" "$started"
    built="$(now_ms)"
  fi
  sleep 0.2
done
grep -E '^tributary' "$WORK/start.log" | grep -v 'export TRIBUTARY_TOKEN' | sed 's/^/  | /'
step_done "./tributary start: the stack, until ready" "${built:-$started}"

started="$(now_ms)"
for check in "command service:${TRIBUTARY_COMMAND_PORT:-8081}:/health" "query service:${TRIBUTARY_QUERY_PORT:-8082}:/health" \
             "projector:${TRIBUTARY_PROJECTOR_PORT:-8083}:/status"; do
  IFS=: read -r name port path <<<"$check"
  http_get "$port" "$path" 2>/dev/null || fail "$name: nothing answers on port $port"
  [[ "$STATUS" == 200 ]] || fail "$name: GET $path answered $STATUS"
  say "$name: GET 127.0.0.1:$port$path answered $STATUS"
done
[[ "$BODY" == *'"consuming":true'* ]] || fail "the projector is not consuming: $BODY"
step_done "the services answer" "$started"

started="$(now_ms)"
kill -TERM "$launcher"
wait "$launcher" || true
trap - EXIT
grep -q '^tributary: stopped' "$WORK/start.log" || { tail -n 20 "$WORK/start.log"; fail "no 'tributary: stopped' after SIGTERM"; }
say "SIGTERM: the launcher stopped the services, Postgres and DynamoDB Local"
step_done "stop (SIGTERM)" "$started"

if ! $start_only; then
  started="$(now_ms)"
  say "./tributary test (output in $WORK/test.log)"
  if ! (cd "$CLONE" && exec "${ENV[@]}" ./tributary test) >"$WORK/test.log" 2>&1; then
    grep -E 'Tests run:.*(Fail|Err)|ERROR|FAIL' "$WORK/test.log" | tail -n 30
    fail "./tributary test failed"
  fi
  grep -E '^CDK template tests skipped|^\[INFO\] Tests run: [0-9]+, Fail[^,]*, Errors: [0-9]+, Skipped: [0-9]+$|BUILD SUCCESS' "$WORK/test.log" | sed 's/^/  | /'
  step_done "./tributary test" "$started"
fi

say "every step passed:"
printf '  %s\n' "${STEPS[@]}"
if $keep; then say "kept $WORK"; else rm -rf "$WORK"; fi
