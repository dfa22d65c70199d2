-- paicha-geo (排查地图) on PostgreSQL + PostGIS: the role, the database and the extension.
--
-- Packages (Debian 12 "bookworm"): PostgreSQL 15 with PostGIS 3
--     apt-get install postgresql-15 postgresql-15-postgis-3
--
-- Run once, as the PostgreSQL superuser, giving the application's password on the command line
-- (it never has to be written into this file):
--     sudo -u postgres psql -v ON_ERROR_STOP=1 -v paicha_password='…' -f deploy/postgres/setup.sql
-- Then the application connects with
--     PAICHA_DB=postgresql://paicha:…@127.0.0.1:5432/paicha
-- (characters such as @ : / % # ? in the password must be percent-encoded in that URL).
--
-- The application creates and upgrades its own tables on its first connection (one schema
-- version per transaction, under an advisory lock, so two processes starting together migrate
-- once: paicha_geo/store/server.py). It needs from this script only: a login role, a database
-- it may create tables and sequences in, and the PostGIS extension, which only a superuser (or
-- a role PostgreSQL trusts for it) may create; hence it is created here.
--
-- `paicha-geo migrate --from data/paicha.duckdb --to postgresql://…` and
-- `paicha-geo restore --db postgresql://… DIR` write only into a database with no data yet:
-- run them on the database this script creates, before the dashboard is started on it.

\set ON_ERROR_STOP on
\if :{?paicha_password}
\else
  DO $$ BEGIN RAISE EXCEPTION
    'give the password: psql -v paicha_password=... -f deploy/postgres/setup.sql'; END $$;
\endif

-- The application's login role: not a superuser, cannot create roles or databases.
CREATE ROLE paicha LOGIN PASSWORD :'paicha_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;

-- UTF-8 (names, descriptions and the whole UI are Chinese). Collation C.UTF-8: strings compare
-- by code point, as DuckDB (which runs the application's queries) compares them. template0 so
-- the encoding and locale can be chosen regardless of template1's.
CREATE DATABASE paicha OWNER paicha ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'
    TEMPLATE template0;

-- Only the application's role may connect (PUBLIC may by default).
REVOKE ALL ON DATABASE paicha FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE paicha TO paicha;

\connect paicha

-- PostGIS: region boundaries are stored as geometry(Geometry, 4326) with a GiST index. The
-- application also runs CREATE EXTENSION IF NOT EXISTS postgis, which succeeds only for a
-- role allowed to; done here by the superuser, the application's statement is a no-op.
CREATE EXTENSION IF NOT EXISTS postgis;

-- PostgreSQL 15 no longer lets every role create objects in schema public; the database
-- owner may (public is owned by pg_database_owner). Granted explicitly all the same, so the
-- script also works where the database is owned by another role.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO paicha;
-- spatial_ref_sys (PostGIS) is read when geometries are written with SRID 4326.
GRANT SELECT ON spatial_ref_sys TO paicha;
