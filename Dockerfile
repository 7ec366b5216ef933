# Production image: gunicorn serving the portal, static files by whitenoise.
# Runs as the unprivileged "portal" user; the code and static files belong to
# root and are read-only for it, only /app/media (uploads) is writable.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=rme_portal.settings.production
WORKDIR /app

RUN useradd --create-home --uid 1000 portal
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock

COPY . .
# Build-time only values: production settings refuse to load without them.
RUN python scripts/compile_messages.py \
 && SECRET_KEY=build-only-key-that-is-long-enough-to-pass-the-production-check-0000 \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input \
 && mkdir -p /app/media && chown portal:portal /app/media

USER portal
EXPOSE 8000
# Behind a reverse proxy, set FORWARDED_ALLOW_IPS (gunicorn's --forwarded-allow-ips)
# to the proxy's address, as docker-compose.yml does; the default trusts only 127.0.0.1.
CMD ["gunicorn", "rme_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
