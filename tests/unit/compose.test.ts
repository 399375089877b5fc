import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { ENTRIES } from "../../scripts/bundle-image";

// No Docker engine runs on these machines, so the production shape is checked by reading it;
// its configuration files are run by tests/integration/deploy-config.test.ts.
type Service = {
  build?: string | { context: string; target?: string };
  image?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
};
type Compose = {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean; ipam?: { config: { subnet: string }[] } }>;
};
// `merge`: the two app instances share one definition through a YAML merge key, as Compose reads it.
const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true }) as Compose;
const dockerfile = fs.readFileSync("Dockerfile", "utf8");
const deployDockerfile = fs.readFileSync("deploy/Dockerfile", "utf8");
const services = compose.services;

// Images pulled from a registry: each one a tag known to exist (official images and SeaweedFS's
// own releases). Everything else is built here, from these.
const PULLED = ["postgres:18", "chrislusf/seaweedfs:3.97"];
const BASES = ["node:24-bookworm-slim", "debian:bookworm-slim"];
const BUILT = ["dangjian-cms:latest", "dangjian-cms-nginx:latest", "dangjian-cms-varnish:latest", "dangjian-cms-pgbouncer:latest"];

function networkNames(service: Service): string[] {
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
}
function address(service: Service, network: string): string | undefined {
  return Array.isArray(service.networks) ? undefined : service.networks?.[network]?.ipv4_address;
}

/** The Compose Specification's JSON schema (draft-07) as a validator; its one custom format (durations) is not checked. */
function composeValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join("tests", "fixtures", "compose-spec.json"), "utf8"));
  return new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: true }).compile(schema);
}

describe("docker-compose.yml", () => {
  it("is well-formed YAML: no errors, no warnings (duplicate keys, bad merges, tabs)", () => {
    const document = parseDocument(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true, uniqueKeys: true });
    expect(document.errors.map(String)).toEqual([]);
    expect(document.warnings.map(String)).toEqual([]);
  });

  it("follows the Compose Specification's schema, as `docker compose config` checks a file before it runs it", () => {
    // tests/fixtures/compose-spec.json: schema/compose-spec.json of github.com/compose-spec/compose-spec
    // (Apache-2.0) at 170098ba07d9, the schema Docker Compose v2 validates with. Every service key
    // is closed (`additionalProperties: false`), so a misspelt option fails here, not at deploy.
    const validate = composeValidator();
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The same check refuses what Compose would: a misspelt key, a wrong type.
    const misspelt = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    misspelt.services.varnish!.helthcheck = misspelt.services.varnish!.healthcheck;
    expect(validate(misspelt)).toBe(false);
    const wrongType = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    wrongType.services.db!.depends_on = "replica";
    expect(validate(wrongType)).toBe(false);
  });

  it("runs the whole shape: nginx, Varnish, two app instances, PgBouncer, a primary and a replica, an object store", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["app1", "app2", "db", "nginx", "objects", "objects-init", "pgbouncer", "replica", "varnish"].sort(),
    );
  });

  it("names only images that exist: a known tag, or one built here from a known base", () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) {
        expect(BUILT, name).toContain(service.image);
      } else {
        expect(PULLED, name).toContain(service.image);
      }
      expect(service.image, name).not.toMatch(/minio/i);
    }
    const bases = [...`${dockerfile}\n${deployDockerfile}`.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(BASES).toContain(base);
  });

  it("uses PostgreSQL 18 for the primary and a streaming replica cloned with pg_basebackup -R", () => {
    expect(services.db!.image).toBe("postgres:18");
    expect(services.replica!.image).toBe("postgres:18");
    expect(services.db!.volumes).toContain("./deploy/postgres/primary-init.sh:/docker-entrypoint-initdb.d/10-replication.sh:ro");
    expect(JSON.stringify(services.replica!.entrypoint)).toContain("replica-entrypoint.sh");
    const script = fs.readFileSync("deploy/postgres/replica-entrypoint.sh", "utf8");
    expect(script).toMatch(/pg_basebackup .*-R /);
    expect(fs.readFileSync("deploy/postgres/primary-init.sh", "utf8")).toMatch(/REPLICATION LOGIN/);
  });

  it("gives the primary and the replica the same memory settings, from the environment", () => {
    const command = (services.db!.command as string[]).join(" ");
    expect(command).toContain("-c shared_buffers=${PG_SHARED_BUFFERS:-1GB}");
    expect(command).toContain("-c effective_cache_size=${PG_EFFECTIVE_CACHE_SIZE:-3GB}");
    expect(services.replica!.environment).toMatchObject({
      PG_SHARED_BUFFERS: "${PG_SHARED_BUFFERS:-1GB}",
      PG_EFFECTIVE_CACHE_SIZE: "${PG_EFFECTIVE_CACHE_SIZE:-3GB}",
    });
    const script = fs.readFileSync("deploy/postgres/replica-entrypoint.sh", "utf8");
    expect(script).toMatch(/exec postgres [^\n]*\\\n\s+-c shared_buffers="\$\{PG_SHARED_BUFFERS:-1GB\}" -c effective_cache_size="\$\{PG_EFFECTIVE_CACHE_SIZE:-3GB\}"/);
  });

  it("checks the health of every service, and starts each after what it needs", () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    for (const app of ["app1", "app2"]) {
      const dependsOn = services[app]!.depends_on!;
      expect(dependsOn.db?.condition).toBe("service_healthy");
      expect(dependsOn.pgbouncer?.condition).toBe("service_healthy");
      // Not waited for: public reads stay on the primary until the replica has caught up.
      expect(dependsOn.replica?.condition).toBe("service_started");
      expect(dependsOn["objects-init"]?.condition).toBe("service_completed_successfully");
      expect(services[app]!.healthcheck?.test.join(" ")).toContain("/api/health");
    }
    expect(services.pgbouncer!.depends_on?.db?.condition).toBe("service_healthy");
    expect(services.replica!.depends_on?.db?.condition).toBe("service_healthy");
    expect(services.nginx!.depends_on?.varnish?.condition).toBe("service_healthy");
    expect(services["objects-init"]!.depends_on?.objects?.condition).toBe("service_healthy");
  });

  it("runs both app instances from the one image, configured only through the environment", () => {
    for (const app of ["app1", "app2"]) {
      const service = services[app]!;
      expect(service.build).toBe(".");
      expect(service.image).toBe("dangjian-cms:latest");
      const env = service.environment!;
      // Pooled for queries, direct for LISTEN and migrations, the replica for public reads.
      expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/cms:.*@pgbouncer:6432\/cms$/);
      expect(env.DIRECT_DATABASE_URL).toMatch(/^postgresql:\/\/cms:.*@db:5432\/cms$/);
      expect(env.DATABASE_REPLICA_URL).toMatch(/^postgresql:\/\/cms:.*@replica:5432\/cms$/);
      expect(Number(env.DATABASE_REPLICA_MAX_WAIT_MS)).toBeGreaterThan(0);
      expect(env.NEXTAUTH_SECRET).toContain("NEXTAUTH_SECRET");
      expect(env.S3_ENDPOINT).toBe("http://objects:8333");
      // Migrations take a session advisory lock: not through the transaction pooler.
      expect(JSON.stringify(service.command)).toMatch(/DATABASE_URL=\\"\$\$DIRECT_DATABASE_URL\\" node migrate\.mjs/);
      // Readers reach the instances only through nginx.
      expect(service.ports).toBeUndefined();
    }
  });

  it("mounts the tested nginx, Varnish and PgBouncer configuration", () => {
    expect(services.nginx!.volumes).toEqual(
      expect.arrayContaining(["./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro", "./deploy/nginx/cms:/etc/nginx/cms:ro"]),
    );
    expect(services.varnish!.volumes).toEqual(
      expect.arrayContaining([
        "./deploy/varnish/default.vcl:/etc/varnish/default.vcl:ro",
        "./deploy/varnish/cms.vcl:/etc/varnish/cms.vcl:ro",
      ]),
    );
    expect(services.pgbouncer!.volumes).toContain("./deploy/pgbouncer:/etc/pgbouncer:ro");
    for (const volume of [...services.nginx!.volumes!, ...services.varnish!.volumes!, ...services.pgbouncer!.volumes!]) {
      const source = volume.split(":")[0]!;
      if (source.startsWith("./")) expect(fs.existsSync(path.resolve(source)), source).toBe(true);
    }
    expect(services.nginx!.ports?.sort()).toEqual(["443:443", "80:80"]);
  });

  it("gives nginx and Varnish the addresses their configuration names", () => {
    const nginxConf = fs.readFileSync("deploy/nginx/nginx.conf", "utf8");
    const vcl = fs.readFileSync("deploy/varnish/default.vcl", "utf8");
    const rules = fs.readFileSync("deploy/varnish/cms.vcl", "utf8");
    expect(nginxConf).toContain(`server ${address(services.varnish!, "edge")}:80;`);
    expect(nginxConf).toContain(`server ${address(services.app1!, "apps")}:3000 `);
    expect(nginxConf).toContain(`server ${address(services.app2!, "apps")}:3000 `);
    expect(vcl).toContain(`.host = "${address(services.nginx!, "edge")}";`);
    // Varnish takes purges from the purge network: the app instances are on it, nginx is not.
    const purgeSubnet = compose.networks.purge!.ipam!.config[0]!.subnet;
    expect(rules).toContain(`"${purgeSubnet.split("/")[0]}"/${purgeSubnet.split("/")[1]};`);
    expect(networkNames(services.app1!)).toContain("purge");
    expect(networkNames(services.app2!)).toContain("purge");
    expect(networkNames(services.nginx!)).not.toContain("purge");
    expect(services.app1!.environment!.VARNISH_PURGE_URL).toBe(`http://${address(services.varnish!, "purge")}/`);
    // nginx's inner load balancer admits only the edge network, where Varnish is.
    const edgeSubnet = compose.networks.edge!.ipam!.config[0]!.subnet;
    expect(nginxConf).toContain(`allow ${edgeSubnet};`);
  });

  it("uses a maintained S3-compatible store with its bucket created before the app starts", () => {
    expect(services.objects!.image).toMatch(/^chrislusf\/seaweedfs:/);
    expect(JSON.stringify(services["objects-init"]!.command)).toContain("s3.bucket.create -name cms-media");
    expect(services.app1!.environment!.S3_BUCKET).toBe("cms-media");
  });
});

describe("Dockerfile", () => {
  it("ships Next's standalone server behind the front server, and runs migrations first", () => {
    expect(dockerfile).toContain(".next/standalone");
    // The image's entry points are bundled by scripts/bundle-image.ts (tests/unit/image-bundles.test.ts).
    expect(dockerfile).toContain("npx tsx scripts/bundle-image.ts dist");
    expect(ENTRIES.map((entry) => [entry.entry, entry.out])).toEqual(
      expect.arrayContaining([
        ["scripts/migrate.ts", "migrate.mjs"],
        ["scripts/front.ts", "front.mjs"],
        ["scripts/create-admin.ts", "create-admin.mjs"],
      ]),
    );
    for (const { out } of ENTRIES) expect(dockerfile).toContain(`/app/dist/${out} ./${out}`);
    expect(dockerfile).toMatch(/CMD .*node migrate\.mjs && node front\.mjs/);
    // front.mjs starts the standalone server.js behind itself.
    expect(fs.readFileSync("scripts/front.ts", "utf8")).toContain('"server.js"');
    expect(dockerfile).toMatch(/ENV .*NEXT_OUTPUT=standalone/);
    expect(fs.readFileSync("next.config.ts", "utf8")).toMatch(/NEXT_OUTPUT === "standalone" \? "standalone"/);
  });

  it("runs a supported Node.js LTS, while the bundles still target Node 20.19+", () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(new Set(bases)).toEqual(new Set(["node:24-bookworm-slim"]));
    expect(fs.readFileSync("scripts/bundle-image.ts", "utf8")).toContain('target: "node20"');
    expect(JSON.parse(fs.readFileSync("package.json", "utf8")).engines.node).toBe(">=20.19");
  });

  it("installs LibreOffice Writer (no GUI) in the runtime image for .doc/.wps import", () => {
    const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends libreoffice-writer-nogui/);
  });
});

describe("deploy/Dockerfile", () => {
  it("builds nginx, Varnish (with varnish-modules) and PgBouncer from Debian bookworm's packages", () => {
    for (const target of ["nginx", "varnish", "pgbouncer"]) {
      expect(deployDockerfile).toContain(`FROM debian:bookworm-slim AS ${target}`);
      expect(services[target]!.build).toEqual({ context: "deploy", target });
    }
    expect(deployDockerfile).toMatch(/install -y --no-install-recommends varnish varnish-modules/);
  });
});
