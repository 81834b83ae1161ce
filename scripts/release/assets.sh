#!/usr/bin/env bash
# The release's assets: the Terraform modules (every file under terraform/) as
# okta-log-streaming-terraform-modules-<tag>.tar.gz; each module alone, its files at the archive's
# root as a private registry takes a module, as okta-log-streaming-<module>-<tag>.tar.gz; and
# SHA256SUMS (sha256sum's format) of them all beside them. Alone, a module has no sibling folders:
# in its archive, an example's `source = "../../../<module>"` becomes that module's git source at the
# tag (package.json's repository URL), as docs/modules.md tells teams to write it.
# Needs node (to read package.json).
# Reproducible: the same tree gives the same bytes — names sorted in the C locale, files only, mtime
# fixed (SOURCE_DATE_EPOCH, else the commit time of HEAD), owner and group 0, modes 644, GNU tar
# format, gzip -n (no name or time in the gzip header). Needs GNU tar, gzip and sha256sum.
# Usage: bash scripts/release/assets.sh --tag v1.2.3 --out DIR [--root DIR]
set -euo pipefail

usage='Usage: bash scripts/release/assets.sh --tag v1.2.3 --out DIR [--root DIR]'
fail() {
  echo "okta-log-streaming: release assets: $1" >&2
  exit "${2:-1}"
}

tag=''
out=''
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
while [ $# -gt 0 ]; do
  case "$1" in
    --tag | --out | --root)
      [ $# -ge 2 ] || fail "$1 needs a value"$'\n\n'"$usage" 2
      case "$1" in --tag) tag=$2 ;; --out) out=$2 ;; --root) root=$2 ;; esac
      shift 2
      ;;
    -h | --help)
      echo "$usage"
      exit 0
      ;;
    *) fail "unknown argument \"$1\""$'\n\n'"$usage" 2 ;;
  esac
done
[ -n "$tag" ] && [ -n "$out" ] || fail "--tag and --out are required"$'\n\n'"$usage" 2
# The tag names a file: v and a SemVer's characters only (scripts/release/check.js checks the rest).
[[ "$tag" =~ ^v[0-9A-Za-z.+-]+$ ]] || fail "tag \"$tag\" is not a release tag: allowed is v followed by a SemVer 2.0.0 version, such as v1.2.3" 2
tar --version 2>/dev/null | grep -q 'GNU tar' || fail "GNU tar is needed (its --sort, --owner and --mtime make the tarball reproducible); found: $(tar --version 2>&1 | head -n 1)"
[ -d "$root/terraform" ] || fail "$root/terraform/ does not exist: allowed is the repository with its modules (okta-log-streaming modules writes them)"

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  epoch=$SOURCE_DATE_EPOCH
elif [ -e "$root/.git" ]; then
  epoch=$(git -C "$root" log -1 --format=%ct)
else
  fail "no time for the files: $root is not a git checkout and SOURCE_DATE_EPOCH is not set"
fi
[[ "$epoch" =~ ^[0-9]+$ ]] || fail "SOURCE_DATE_EPOCH \"$epoch\" is not a number of seconds since 1970"

# package.json's repository.url (`git+https://…`) as Terraform's git source takes it.
[ -f "$root/package.json" ] || fail "$root/package.json does not exist: allowed is the repository's root"
repository=$(node -e 'const r = require(process.argv[1]).repository; process.stdout.write(String((typeof r === "string" ? r : r && r.url) || "").replace(/^git\+/, ""))' "$root/package.json") ||
  fail "$root/package.json cannot be read as JSON"
[[ "$repository" =~ ^https://[A-Za-z0-9./_-]+$ ]] ||
  fail "$root/package.json has no repository URL (repository.url, https): the module archives' examples name sibling modules by their git source"

name="okta-log-streaming-terraform-modules-${tag}.tar.gz"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"
out="$(cd "$out" && pwd)"
count=$(cd "$root" && find terraform -type f | wc -l)
[ "$count" -gt 0 ] || fail "$root/terraform/ holds no files"
# The NUL-separated file names on stdin (relative to the working directory) as a reproducible
# gzipped tar on stdout.
archive() {
  LC_ALL=C sort -z |
    tar --create --file=- --format=gnu --mtime="@${epoch}" --owner=0 --group=0 --numeric-owner \
      --mode='u=rw,go=r' --no-recursion --null --files-from=- |
    gzip -9 -n
}
(cd "$root" && find terraform -type f -print0 | archive) >"$out/$name"
modules=()
while IFS= read -r -d '' module; do
  # The module at the archive's root (main.tf, not terraform/<module>/main.tf): how registries take one.
  cp -R "$root/terraform/$module" "$stage/$module"
  if [ -d "$stage/$module/examples" ]; then
    find "$stage/$module/examples" -type f -name '*.tf' -print0 |
      xargs -0 -r sed -i -E "s#(source[[:space:]]*=[[:space:]]*)\"\.\./\.\./\.\./([A-Za-z0-9._-]+)\"#\1\"git::${repository}//terraform/\2?ref=${tag}\"#"
  fi
  (cd "$stage/$module" && find . -type f -printf '%P\0' | archive) >"$out/okta-log-streaming-${module}-${tag}.tar.gz"
  modules+=("$module")
done < <(find "$root/terraform" -mindepth 1 -maxdepth 1 -type d -printf '%P\0' | LC_ALL=C sort -z)
(cd "$out" && LC_ALL=C ls -1 -- *.tar.gz | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS)
echo "okta-log-streaming: wrote $out/$name ($((count)) files of terraform/), ${#modules[@]} module archives (${modules[*]}) and $out/SHA256SUMS"
