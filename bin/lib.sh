# Shared by bin/serve and bin/test: run from the repository root.
# shellcheck shell=bash

PYTHON=${PYTHON:-python3}
PG_VERSION=${PG_VERSION:-15}
ADDONS="auto_crm_leads,auto_aftersales,auto_loyalty,auto_club"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

require_odoo() {
    if ! "$PYTHON" -c "import odoo, odoo.release as r; assert r.version_info[0] == 18" 2>/dev/null; then
        cat >&2 <<'MSG'
Odoo 18.0 is not importable by python3. Install it from Odoo's official source
(see README.md, "Requirements"), e.g.:
    pip install -r requirements.txt   # its last section installs Odoo 18.0
MSG
        return 1
    fi
}

ensure_python_deps() {
    # Everything but the Odoo section when Odoo is already importable.
    local requirements=requirements.txt
    if "$PYTHON" -c "import odoo" 2>/dev/null; then
        requirements=$(mktemp)
        sed '/^# --- Odoo 18.0 Community itself/,$d' requirements.txt >"$requirements"
    fi
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        --no-warn-script-location -r "$requirements" \
        || { echo "Could not install the Python requirements." >&2; return 1; }
    require_odoo
}

ensure_postgres() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        if ! pg_lsclusters -h 2>/dev/null | grep -q "^$PG_VERSION "; then
            as_root pg_createcluster "$PG_VERSION" main >/dev/null
        fi
        as_root pg_ctlcluster "$PG_VERSION" main start
        for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start." >&2; return 1; }
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'" | grep -q 1; then
        as_postgres psql -qc "CREATE ROLE odoo LOGIN CREATEDB PASSWORD 'odoo'"
    fi
}

database_exists() {
    PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

# Not --force: that also signals autovacuum workers, which the odoo role may
# not do; a plain drop makes them leave, so only our own sessions are ended.
drop_database() {
    local attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        PGPASSWORD=odoo psql -h 127.0.0.1 -U odoo -d postgres -qtAc \
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = '$1' AND usename = current_user" >/dev/null
        PGPASSWORD=odoo dropdb -h 127.0.0.1 -U odoo --if-exists "$1" && return 0
        sleep 1
    done
    return 1
}
