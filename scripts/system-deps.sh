#!/usr/bin/env bash
# Installs the system packages Robim Good needs, from Debian/Ubuntu's own repositories.
#   scripts/system-deps.sh run    what `make run` needs: python3-venv, SpatiaLite
#   scripts/system-deps.sh test   what `make test` needs too: PostgreSQL + PostGIS, Chromium, Redis
#   scripts/system-deps.sh bench  what `make bench` needs: PostgreSQL + PostGIS, wrk
# As root it installs what is missing with apt-get; otherwise it prints the exact command.
set -euo pipefail
what=${1:-run}

missing=()
have_spatialite() { compgen -G "/usr/lib/*/mod_spatialite.so*" >/dev/null || compgen -G "/usr/lib/mod_spatialite.so*" >/dev/null; }
have_venv() { python3 -c 'import ensurepip, venv' 2>/dev/null; }
pg_major() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

have_venv || missing+=(python3-venv)
have_spatialite || missing+=(libsqlite3-mod-spatialite)
if [ "$what" = test ] || [ "$what" = bench ]; then
  major=$(pg_major)
  if [ -z "$major" ]; then
    missing+=(postgresql)
  elif [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
    missing+=("postgresql-$major-postgis-3")
  fi
fi
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v ogrinfo >/dev/null || missing+=(gdal-bin)
  command -v redis-server >/dev/null || missing+=(redis-server)
fi
[ "$what" = bench ] && { command -v wrk >/dev/null || missing+=(wrk); }

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Robim Good needs these system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  [[ " ${missing[*]} " == *" postgresql "* ]] && echo "then also: sudo apt-get install -y postgresql-\$(ls /usr/lib/postgresql | sort -n | tail -1)-postgis-3" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y -q --no-install-recommends "$@" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$@" >/dev/null; }; }
echo "Installing system packages: ${missing[*]}"
install "${missing[@]}"
# PostGIS must match the PostgreSQL version that the postgresql package brought in.
if [ "$what" != run ] && [ ! -f "/usr/share/postgresql/$(pg_major)/extension/postgis.control" ]; then
  install "postgresql-$(pg_major)-postgis-3"
fi
