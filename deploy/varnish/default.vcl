# Varnish's configuration in docker-compose.yml: the page-cache rules (cms.vcl) in front of one
# backend, nginx's internal load balancer over the app instances (deploy/nginx/nginx.conf,
# port 8080). nginx spreads requests, marks a dead instance and retries idempotent requests on
# another; Varnish only caches. Adding an instance is one line in nginx's upstream.
vcl 4.1;

# Healthy while at least one instance answers /api/health (200 when its database does). While
# it is sick, Varnish serves what it holds for up to an hour of grace (cms.vcl).
probe app_health {
    .url = "/api/health";
    .interval = 5s;
    .timeout = 3s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

# nginx's fixed address on the edge network (docker-compose.yml): a name would be resolved once,
# when the VCL is compiled, and would need nginx to be up first.
backend apps {
    .host = "172.30.53.10";
    .port = "8080";
    .probe = app_health;
    .connect_timeout = 2s;
    # A first render of a long report, or an upload being stored, may take a while.
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# Relative to this file, wherever it is mounted.
include "./cms.vcl";
