export interface Config {
  environments?: {
    /**
     * Key that encrypts secret variables and database passwords at rest
     * (AES-256-GCM, key derived with HKDF-SHA256), at least 32 characters.
     * Required unless `secretsKeys` is set; means `secretsKeys: [secretsKey]`.
     * The development key of app-config.yaml is refused unless NODE_ENV is
     * `development` or `test`.
     * @visibility secret
     */
    secretsKey?: string;
    /**
     * Several keys, newest first, each at least 32 characters: the first
     * encrypts, all decrypt, and a scheduled task re-encrypts every stored
     * value under the first. To rotate: put a new key first, wait for the
     * task (or restart), then remove the old one. When set, `secretsKey` is
     * ignored.
     * @visibility secret
     */
    secretsKeys?: string[];
    secrets?: {
      /**
       * How often stored secrets not under the newest key are re-encrypted
       * (one replica at a time), as a duration. Default `1h`.
       */
      reencryptFrequency?: string;
    };
    /**
     * The id of this Greenroom installation (read by `readInstallationId` of
     * `@greenroom/plugin-environments-node`): a DNS label (lower-case
     * letters, digits and `-`) of at most 20 characters. Every Kubernetes
     * object and namespace carries it as label `greenroom.dev/installation`,
     * every RDS instance, cluster and snapshot as a tag of that name; listing,
     * adoption and orphan collection only ever touch resources carrying it.
     * Default: `gr-` and the first 8 hex characters of the sha256 of
     * `backend.baseUrl`. Set it before going live, so that a new portal URL
     * does not change it (resources labelled with the old id would no longer
     * be recognised).
     */
    installationId?: string;
    /** Runtime of environments created without one. Default `local`. */
    defaultRuntime?: string;
    /**
     * Orphan collection: namespaces and databases carrying Greenroom's
     * ownership labels or tags whose environment no longer exists.
     */
    orphans?: {
      /**
       * `report` (the default) only logs them; `delete` deletes them once
       * they stayed orphaned for the grace period (databases keep a final
       * snapshot). Either way only resources labelled or tagged with this
       * installation's `environments.installationId` are ever listed.
       */
      action?: 'delete' | 'report';
      /** How long something must stay orphaned before it is deleted. Default `24h`. */
      gracePeriod?: string;
      /** How often the check runs, on one replica at a time. Default `1h`. */
      frequency?: string;
    };
    /**
     * The reconcile loop: running environments are observed without anyone
     * acting (crash loops, drift), on one replica at a time.
     */
    reconcile?: {
      /** How often the task looks for environments that are due. Default `30s`. */
      frequency?: string;
      /** How long after an observation an environment is observed again. Default `1m`. */
      interval?: string;
      /** The longest wait after failed observations in a row (doubling). Default `30m`. */
      maxBackoff?: string;
      /** Environments read per page. Default 100. */
      pageSize?: number;
      /** Environments observed at once. Default 4. */
      concurrency?: number;
    };
    /**
     * Wake on traffic: a visit to a stopped environment's public URL answers
     * the portal's waking page, which starts it and sends the visitor on once
     * ready. Production never wakes.
     */
    wake?: {
      /**
       * The catalog User starts are made as (tokens from the `greenroom-bot`
       * auth provider), so a permission policy decides what visits may
       * start. Waking is off without it.
       */
      actAs?: string;
      /** `false` turns waking off while keeping the waking page. Default `true`. */
      enabled?: boolean;
      /** Modes that wake. Default `[preview, development]`; never `production`. */
      modes?: Array<'staging' | 'development' | 'preview'>;
      /** Starts one visitor (address) may cause per hour. Default 20. */
      startsPerClientPerHour?: number;
      /** Visits within this window share one start per environment. Default `1m`. */
      startWindow?: string;
    };
    /**
     * Policy defaults per mode (idleAfter, schedule, ttl, priority); fields an
     * environment sets override them. Built-in: non-production stops after 2h
     * idle, previews live 3d.
     */
    policies?: {
      /**
       * How often the policy sweep (idle stop, schedules, TTL) runs, as a
       * duration such as `1m` (the default). It runs on one replica at a time.
       */
      sweepFrequency?: string;
      /**
       * How long before an idle stop the owner is warned, e.g. `15m` (the
       * default; at most half of the environment's idle timeout).
       */
      idleWarningLead?: string;
      /** How long before expiry (TTL) the owner is warned. Default `24h`. */
      expiryWarning?: string;
      production?: {
        idleAfter?: string;
        ttl?: string;
        priority?: number;
        schedule?: { timezone: string; active: string };
      };
      staging?: {
        idleAfter?: string;
        ttl?: string;
        priority?: number;
        schedule?: { timezone: string; active: string };
      };
      development?: {
        idleAfter?: string;
        ttl?: string;
        priority?: number;
        schedule?: { timezone: string; active: string };
      };
      preview?: {
        idleAfter?: string;
        ttl?: string;
        priority?: number;
        schedule?: { timezone: string; active: string };
      };
    };
    /** Activity reported by ActivitySource modules. */
    activity?: {
      /**
       * How often every registered ActivitySource is read, as a duration
       * such as `5m` (the default).
       */
      pollFrequency?: string;
    };
    /** Preview environments (mode `preview`). */
    previews?: {
      /**
       * Running previews allowed per system.
       *
       * @deprecated Use `quota.perSystem`, which it stands for.
       */
      maxRunningPerSystem?: number;
      /**
       * How many previews may run at once, per system and per team (the
       * preview's owner). A preview is created, cloned or started only when
       * both its system's and its team's quota have room; in a full quota the
       * preview of lowest priority (among equals, the longest idle) that is of
       * lower or equal priority is stopped and its owner notified; when there
       * is none, the new preview is queued and starts once a slot frees.
       * Default: no limit. Production and other modes never count.
       */
      quota?: {
        /** Running previews allowed per system (whole number, at least 1). */
        perSystem?: number;
        /** Running previews allowed per team (owner). */
        perTeam?: number;
        /**
         * Limits of named systems, replacing `perSystem`, by entity ref,
         * e.g. `'system:default/shop': 8`.
         */
        systems?: { [systemRef: string]: number };
        /**
         * Limits of named teams, replacing `perTeam`, by entity ref,
         * e.g. `'group:default/team-a': 6`.
         */
        teams?: { [groupRef: string]: number };
      };
    };
    cost?: {
      /** Bounds of `GET /environments/{name}/cost/breakdown`. */
      breakdown?: {
        /** The longest window a breakdown may cover, in days (default 93, at most 366). */
        maxWindowDays?: number;
        /** The most ledger intervals it lists; its totals still count all (default 2000). */
        maxIntervals?: number;
      };
      /** Bounds of `GET /cost/summary`. */
      summary?: {
        /**
         * The highest `limit` (rows with the highest totals) a request may
         * ask for; a higher one is a 400 (default 1000). Without `limit`,
         * every row is answered.
         */
        maxLimit?: number;
      };
      /**
       * PostgreSQL's `work_mem` in MB for the sums of a cost report over
       * every environment, set for that query's transaction alone (default
       * 64). Their hash table takes about 30 MB per 100,000 environments in
       * each of the query's processes; below that it spills to disk and the
       * report grows faster than the environments. Ignored on SQLite.
       */
      reportWorkMemMb?: number;
    };
    /**
     * Rates cost reports are computed from; fields left out keep their
     * defaults (CPU core-hour 0.031611, memory GB-hour 0.004237, storage
     * GB-hour 0.0000548, USD). Every report shows the rates it used.
     */
    prices?: {
      /** Currency code of every rate, e.g. `USD`. */
      currency?: string;
      /** Price of one CPU core for an hour of running. */
      cpuCoreHour?: number;
      /** Price of one GB of memory for an hour of running. */
      memoryGbHour?: number;
      /** Price of one GB of storage for an hour (charged while stopped too). */
      storageGbHour?: number;
      /**
       * Hourly price per managed database instance class, e.g.
       * `db.t4g.medium: 0.065`; added to (or replacing) the default table.
       */
      managedDatabaseHourly?: { [instanceClass: string]: number };
    };
    /**
     * Where cost figures come from besides `environments.prices`
     * (docs/cost-sources.md). Without this, every figure is the estimate
     * from the rates.
     */
    priceSources?: {
      /**
       * On-demand prices of managed databases from an AWS Price List offer
       * file for AmazonRDS that the operator downloads (e.g.
       * `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRDS/current/eu-west-1/index.json`).
       * Read at startup: a file that cannot be read fails startup with an
       * error naming the path and the field. Its classes replace the
       * built-in table; classes named in `environments.prices` win.
       * Reports call these figures `aws-price-file`. Prices are USD.
       */
      awsRdsPriceFile?: {
        /** Path of the offer file (JSON), relative to the working directory. */
        path: string;
        /** `attributes.databaseEngine`, e.g. `PostgreSQL` or `MySQL`. */
        databaseEngine: string;
        /** `attributes.regionCode` (or `attributes.location`), e.g. `eu-west-1`. */
        region: string;
        /** `attributes.deploymentOption`. Default `Single-AZ`. */
        deploymentOption?: string;
        /** `attributes.licenseModel`, for engines sold under several licenses. */
        licenseModel?: string;
        /**
         * `attributes.volumeType` whose GB-Mo price (over 730 hours) becomes
         * `storageGbHour`, e.g. `General Purpose`; unless
         * `environments.prices.storageGbHour` is set.
         */
        storageVolumeType?: string;
      };
      /**
       * A cluster's own cost per namespace from its OpenCost or Kubecost
       * allocation API. For each complete UTC day the hourly rollup puts
       * the namespace's `totalCost` in place of the estimate of each
       * Kubernetes environment (its namespace as the kubernetes runtime
       * reports it); other environments keep the estimate. A day the API
       * cannot answer keeps the estimate, is marked and read again by the
       * next rollup. Costs must be in `environments.prices.currency`: see `currency`.
       */
      cluster?: {
        /** `opencost` (`GET /allocation/compute`) or `kubecost` (`GET /model/allocation`). */
        type: 'opencost' | 'kubecost';
        /** e.g. `http://opencost.opencost:9003`, `http://kubecost-cost-analyzer.kubecost:9090`. */
        baseUrl: string;
        /** Longest wait for one day's answer, 1s to 10m. Default `30s`. */
        timeout?: string;
        /** Largest answer read, in bytes. Default 33554432 (32 MiB). */
        maxResponseBytes?: number;
        /**
         * The currency the cluster's pricing is configured in (its answers
         * carry none). Default `USD`, OpenCost's and Kubecost's own default.
         * Must equal `environments.prices.currency`, else startup fails.
         */
        currency?: string;
      };
    };
    /**
     * What a request may ask for. Every create, clone, update, added service
     * and variable is checked; a request beyond a limit is refused with a 400
     * naming the field and the key below. Limits apply to what a request asks
     * for, not to environments that already exist.
     */
    limits?: {
      /**
       * Longest an environment may live, per mode, as a duration such as
       * `14d`, or `unlimited`. A `ttl`, `expiresAt`, policy ttl or extend that
       * would put the expiry later than now plus this is refused; an
       * environment of a mode with a limit always has an expiry (now plus the
       * limit when it asks for none) and cannot have it cleared. Defaults:
       * preview `14d`, development `90d`, staging `180d`, production
       * `unlimited`.
       */
      maxLifetime?: {
        production?: string;
        staging?: string;
        development?: string;
        preview?: string;
      };
      /**
       * Highest `policy.priority` (0–100) per mode; the preview quota stops
       * lower priorities first. Defaults: production 100, staging 70,
       * development 50, preview 30.
       */
      maxPriority?: {
        production?: number;
        staging?: number;
        development?: number;
        preview?: number;
      };
      /**
       * `runtime.target`s a request may name (e.g. Kubernetes cluster names).
       * Default: the names of `environments.kubernetes.clusters`, so any
       * configured cluster may be chosen and nothing else. Leaving the target
       * out always works (the runtime's default, e.g. the first cluster).
       */
      runtimeTargets?: string[];
      /**
       * DNS suffixes that services' `customDomains` must be under, e.g.
       * `apps.example.com` allows `shop.apps.example.com`. Default: none, so
       * no custom domains at all. Under
       * `environments.kubernetes.ingress.baseDomain` an environment may only
       * use hosts derived from its own name (`<env>.<base>` or
       * `<anything>-<env>.<base>`), as generated hosts are. A host belongs to
       * one environment at a time.
       */
      customDomainSuffixes?: string[];
      /** Services per environment. Default 100. */
      maxServices?: number;
      /** Variables per environment, and per service. Default 200. */
      maxVariables?: number;
      /** CPU per service (per replica), e.g. `16` or `500m`. Default `16`. */
      maxCpu?: string;
      /** Memory per service (per replica), e.g. `64Gi`. Default `64Gi`. */
      maxMemory?: string;
      /**
       * Storage per service: a volume (`resources.storage`) or a managed
       * database's disk (`database.storageGb`). Default `1Ti`.
       */
      maxStorage?: string;
      /** Replicas per service (at most 100). Default 20. */
      maxReplicas?: number;
      /**
       * Managed database instance classes a service may name, per mode.
       * Default, in every mode: every class of the price table
       * (`environments.prices.managedDatabaseHourly` over the built-in
       * `db.t4g.micro`, `db.t4g.small`, `db.t4g.medium`, `db.m6g.large`), as a
       * preview clones its base's databases as they are. Narrow `preview` only
       * together with the classes of your preview bases.
       * A service that names no class gets the module's default.
       */
      managedDatabaseClasses?: {
        production?: string[];
        staging?: string[];
        development?: string[];
        preview?: string[];
      };
    };
    /** The built-in `local` runtime (simulated, deploys nothing). */
    localRuntime?: {
      /** How long simulated work takes, in milliseconds. Default 1500. */
      delayMs?: number;
    };
    /** What the built-in `local` runtime really runs. */
    local?: {
      databases?: {
        /**
         * A PostgreSQL server for the local runtime's PostgreSQL database
         * services: each becomes a real database on it, named
         * `gr_<environment>_<service>`, created when the environment is
         * applied and dropped when it is destroyed, and clones can copy
         * (anonymised by the data rules) and seed them. Without it they
         * are simulated and clones refuse `copy` and `seed`. Image seeds
         * are refused either way: the local runtime runs no containers.
         */
        postgresql?: {
          /**
           * `postgresql://user:password@host:port/database` of a user that
           * may create and drop databases (e.g. `postgres`).
           * @visibility secret
           */
          connection: string;
          /**
           * The directory of `pg_dump` and `psql` (e.g.
           * `/usr/lib/postgresql/16/bin`); found on the PATH when not set.
           * At least the server's major version.
           */
          binDir?: string;
        };
      };
    };
    /**
     * Seed environments loaded once, on first start, from a YAML file with an
     * `environments:` list (demo and development only; never in production).
     */
    seed?: {
      /** Path relative to the backend's working directory. */
      file: string;
      /**
       * Days of example cost history written for the seeded environments, so
       * a new demo's cost pages have figures. Default 30; 0 for none.
       */
      costHistoryDays?: number;
    };
  };
}
