# Sourced by .ci/run: puts the Node.js LTS named in .nvmrc on PATH. When the machine's Node.js is
# another major (Debian's may be past its end of life), the same release is installed from the npm
# registry's `node-linux-<arch>` package into .ci/.node/ in the clone (not under $HOME: tests run
# the same node as another user, e.g. `nobody`, who could not enter /root).
want="$(tr -d '[:space:]' < .nvmrc)"
have="$(node -p 'process.versions.node' 2>/dev/null || true)"
if [ "${have%%.*}" != "${want%%.*}" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "no Node.js ${want} package for $(uname -m); install it by hand" >&2; exit 1 ;;
  esac
  dir="$(pwd)/.ci/.node/${want}"
  bin="$dir/node_modules/node-linux-${arch}/bin"
  if [ ! -x "$bin/node" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-${arch}@${want}" >/dev/null
  fi
  export PATH="$bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)"
