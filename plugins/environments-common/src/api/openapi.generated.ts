// Generated from spec.ts by `yarn generate`; do not edit.
/* eslint-disable */

export interface paths {
    "/cost/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ExportCostCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetCostSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What sharing a base saved, over the window, every environment the caller may read (and the filters keep) that shares one: see GET /environments/{name}/cost/sharing. groupBy is ignored. */
        get: operations["GetSharingSavingsTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetCostSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListEnvironments"];
        put?: never;
        post: operations["CreateEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetEnvironment"];
        put?: never;
        post?: never;
        /** @description 409 naming them when other environments share this one's services (their baseline), unless forced */
        delete: operations["DestroyEnvironment"];
        options?: never;
        head?: never;
        patch: operations["UpdateEnvironment"];
        trace?: never;
    };
    "/environments/{name}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Counts as activity, so the environment is not stopped as idle; needs environments.environment.lifecycle */
        post: operations["RecordActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CloneEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/cost/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How an environment's cost over the window was computed: its ledger intervals clipped to the window (what each reserved, its hourly rates and cost), the rates and their source, and the totals, which equal what GET /cost/summary reports for it. Needs environments.cost.read and read access to the environment (404 otherwise). The window and the intervals listed are bounded (environments.cost.breakdown). */
        get: operations["GetCostBreakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/cost/sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What a full clone would have cost on top of an environment that shares a base: the base's services it does not deploy, priced while it ran (and their storage while it was stopped), by the ledger's formula. Needs environments.cost.read and read access to the environment. */
        get: operations["GetSharingSavings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ExtendEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlanEnvironment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/reapply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Applies the environment again as it is stored (an update operation with no change): repairs drift, objects deleted or changed out of band. Needs environments.environment.update; 409 unless it is meant to run. */
        post: operations["ReapplyEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Renders a service from a ServiceTemplate and the values of its parameters and adds it; with dryRun only answers with the service */
        post: operations["AddServiceFromTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/services/{service}/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Needs environments.environment.update and environments.template.use */
        post: operations["UpgradeService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/services/{service}/variables/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["PutServiceVariable"];
        post?: never;
        delete: operations["DeleteServiceVariable"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["StartEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description 409 naming them when other environments share this one's services (their baseline), unless forced */
        post: operations["StopEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/template-upgrades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListTemplateUpgrades"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/environments/{name}/variables/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["PutVariable"];
        post?: never;
        delete: operations["DeleteVariable"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/previews/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Per system and per team (owner) with running or queued previews: the limit (absent when none), the running and queued counts, and the running previews in the order the quota reclaims them (lowest priority, then longest idle). Counts include every preview; only those the caller may read (environments.environment.read) are named. */
        get: operations["GetPreviewQuota"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListServiceTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates/{namespace}/{templateName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetServiceTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Accepted: {
            environment?: components["schemas"]["Environment"];
            operation: components["schemas"]["Operation"];
        };
        ClonePlan: {
            attention: {
                item: string;
                reason: string;
            }[];
            baseline?: {
                /** @enum {string} */
                databases: "clone" | "share";
                environment: string;
                environmentId: string;
            };
            data: {
                /** @enum {string} */
                action: "empty" | "restore-snapshot" | "run-seed" | "copy";
                detail: string;
                /** @enum {string} */
                engine: "postgresql" | "mysql" | "redis" | "mongodb";
                preview?: {
                    columns: string[];
                    rows: {
                        after: (string | null)[];
                        before: (string | null)[];
                    }[];
                    table: string;
                }[];
                rules?: {
                    /** @default [] */
                    rules: {
                        column: string;
                        /** @enum {string} */
                        transform: "email" | "name" | "phone" | "hash" | "null" | "fixed" | "keep";
                        value?: string;
                    }[];
                    seed?: {
                        sql: string;
                    } | {
                        command?: string[];
                        image: string;
                    };
                    /** @default [] */
                    sensitive: string[];
                    /** @default [] */
                    subset: {
                        limit?: number;
                        table: string;
                        where?: string;
                    }[];
                };
                seed?: {
                    sql: string;
                } | {
                    command?: string[];
                    image: string;
                };
                service: string;
            }[];
            diff: {
                from?: string;
                /** @enum {string} */
                kind: "copied" | "changed" | "dropped" | "shared" | "attention" | "data";
                path: string;
                reason?: string;
                to?: string;
            }[];
            input: {
                /** Format: date-time */
                expiresAt?: string;
                /** @enum {string} */
                mode: "production" | "staging" | "development" | "preview";
                name: string;
                owner: string;
                policy?: {
                    idleAfter?: string;
                    priority?: number;
                    schedule?: {
                        active: string;
                        timezone: string;
                    };
                    ttl?: string;
                };
                runtime?: {
                    target?: string;
                    type: string;
                };
                /** @default [] */
                services: {
                    componentRef?: string;
                    /** @default [] */
                    customDomains: string[];
                    database?: {
                        data?: {
                            /** @default [] */
                            rules: {
                                column: string;
                                /** @enum {string} */
                                transform: "email" | "name" | "phone" | "hash" | "null" | "fixed" | "keep";
                                value?: string;
                            }[];
                            seed?: {
                                sql: string;
                            } | {
                                command?: string[];
                                image: string;
                            };
                            /** @default [] */
                            sensitive: string[];
                            /** @default [] */
                            subset: {
                                limit?: number;
                                table: string;
                                where?: string;
                            }[];
                        };
                        /** @enum {string} */
                        engine: "postgresql" | "mysql" | "redis" | "mongodb";
                        instanceClass?: string;
                        /**
                         * @default container
                         * @enum {string}
                         */
                        mode: "container" | "managed";
                        storageGb?: number;
                        version: string;
                    };
                    git?: {
                        branch?: string;
                        path?: string;
                        repository: string;
                    };
                    image?: {
                        repository: string;
                        tag?: string;
                    };
                    /** @enum {string} */
                    kind: "application" | "container" | "database" | "job";
                    name: string;
                    /** @default [] */
                    ports: {
                        port: number;
                        /** @default false */
                        public: boolean;
                    }[];
                    /** @default 1 */
                    replicas: number;
                    /**
                     * @default {
                     *       "cpu": "250m",
                     *       "memory": "256Mi"
                     *     }
                     */
                    resources: {
                        /** @default 250m */
                        cpu: string;
                        /** @default 256Mi */
                        memory: string;
                        storage?: string;
                    };
                    template?: {
                        parameters?: {
                            [key: string]: unknown;
                        };
                        ref: string;
                        version: string;
                    };
                    /** @default [] */
                    variables: {
                        aliasOf?: string;
                        key: string;
                        /** @enum {string} */
                        kind: "value" | "secret" | "alias";
                        value?: string;
                    }[];
                }[];
                system: string;
                title?: string;
                ttl?: string;
                /** @default [] */
                variables: {
                    aliasOf?: string;
                    key: string;
                    /** @enum {string} */
                    kind: "value" | "secret" | "alias";
                    value?: string;
                }[];
            };
        };
        /** @description See cloneRequestSchema of @greenroom/plugin-environments-common, which validates it and names the failing field. */
        CloneRequest: {
            /** @description { databases?: clone | share }: share the services left out of `services` with the source (they keep resolving to the source's hosts) instead of dropping them; databases are cloned unless `share`, when the clone's writes reach the source's */
            baseline?: unknown;
            /** @description { <database service>: { policy?, seed? } }: per database, its own data policy over dataPolicy, and the seed ({ sql } or { image, command }) to run for seed */
            data?: unknown;
            /** @description empty (default) | snapshot | seed | copy: copy moves the source's PostgreSQL or MySQL data through the service's data rules (a copy out of production needs a rule for every sensitive column) */
            dataPolicy?: unknown;
            /** @description Answer 200 with the plan and store nothing (after the same checks as the clone) */
            dryRun?: unknown;
            /** @description production | staging | development | preview; production needs environments.environment.production */
            mode: unknown;
            /** @description Name of the new environment */
            name: unknown;
            /** @description The clone's owner; the source's when omitted. Unless the caller holds environments.admin, the caller or one of their groups */
            owner?: unknown;
            /** @description The pull request a preview is for (its origin); only holders of environments.admin may set it */
            pullRequest?: unknown;
            /** @description Names of the services to clone; all when omitted */
            services?: unknown;
            /** @description Display title; defaults to the name */
            title?: unknown;
            /** @description Time to live, e.g. '3d', at most the mode's environments.limits.maxLifetime; the rest of the policy is the mode's default */
            ttl?: unknown;
        } & {
            [key: string]: unknown;
        };
        CostBreakdown: {
            currency: string;
            environment: string;
            from: string;
            idle: {
                compute: number;
                database: number;
                hours: number;
                storage: number;
                total: number;
            };
            idleAfterMs: number;
            intervalCount: number;
            intervals: {
                cost: {
                    compute: number;
                    database: number;
                    hours: number;
                    storage: number;
                    total: number;
                };
                cpuCores: number;
                endedAt: string;
                hourly: {
                    compute: number;
                    database: number;
                    storage: number;
                };
                idle: {
                    compute: number;
                    database: number;
                    hours: number;
                    storage: number;
                    total: number;
                };
                instanceClass?: string;
                memoryGb: number;
                open: boolean;
                reason?: string;
                saved: {
                    compute: number;
                    database: number;
                    hours: number;
                    storage: number;
                    total: number;
                };
                service: string;
                startedAt: string;
                /** @enum {string} */
                state: "running" | "stopped";
                storageGb: number;
            }[];
            rates: components["schemas"]["PriceRates"];
            reported?: {
                source: string;
                total: number;
            };
            savings: {
                compute: number;
                database: number;
                hours: number;
                storage: number;
                total: number;
            };
            source: string;
            to: string;
            totals: {
                compute: number;
                database: number;
                hours: number;
                storage: number;
                total: number;
            };
            truncated: boolean;
            unpricedInstanceClasses: string[];
        };
        CostRow: {
            compute: number;
            currency: string;
            database: number;
            idle: number;
            idleHours: number;
            key: string;
            savings: number;
            source: string;
            storage: number;
            total: number;
        };
        CostSeries: {
            currency: string;
            days: string[];
            from: string;
            /** @constant */
            granularity: "day";
            /** @enum {string} */
            groupBy: "environment" | "owner" | "system" | "mode";
            rates: components["schemas"]["PriceRates"];
            series: {
                key: string;
                total: number;
                totals: number[];
            }[];
            to: string;
        };
        CostSummary: {
            currency: string;
            from: string;
            /** @enum {string} */
            groupBy: "environment" | "owner" | "system" | "mode";
            projectedMonth?: number;
            rates: components["schemas"]["PriceRates"];
            rowCount: number;
            rows: components["schemas"]["CostRow"][];
            source: string;
            sourceFallbackDays: string[];
            to: string;
            totals: components["schemas"]["CostRow"];
            unpricedInstanceClasses: string[];
        };
        DriftFinding: {
            /** @enum {string} */
            change: "missing" | "modified";
            detail?: string;
            resource: string;
            service?: string;
        };
        Environment: {
            attention: {
                item: string;
                reason: string;
            }[];
            baseline?: {
                /** @enum {string} */
                databases: "clone" | "share";
                environment: string;
                environmentId: string;
            };
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** @enum {string} */
            desiredState: "running" | "stopped" | "deleted";
            /** Format: date-time */
            expiresAt?: string;
            id: string;
            /** Format: date-time */
            lastActivityAt: string;
            /** @enum {string} */
            mode: "production" | "staging" | "development" | "preview";
            name: string;
            observation?: components["schemas"]["EnvironmentObservation"];
            origin: {
                pullRequest?: {
                    branch: string;
                    headSha: string;
                    number: number;
                    provider: string;
                    repository: string;
                    /** Format: uri */
                    url: string;
                };
                sourceEnvironmentId?: string;
                /** @enum {string} */
                type: "manual" | "clone" | "preview" | "seed";
            };
            owner: string;
            policy: {
                idleAfter?: string;
                /** @default 50 */
                priority: number;
                schedule?: {
                    active: string;
                    timezone: string;
                };
                ttl?: string;
            };
            revision: number;
            runtime: {
                target?: string;
                type: string;
            };
            services: components["schemas"]["Service"][];
            sharedWith?: string[];
            sharing?: {
                base?: {
                    /** @enum {string} */
                    desiredState: "running" | "stopped" | "deleted";
                    /** @enum {string} */
                    status: "provisioning" | "running" | "stopping" | "stopped" | "starting" | "deleting" | "deleted" | "failed" | "degraded";
                };
                services: {
                    database?: {
                        data?: {
                            /** @default [] */
                            rules: {
                                column: string;
                                /** @enum {string} */
                                transform: "email" | "name" | "phone" | "hash" | "null" | "fixed" | "keep";
                                value?: string;
                            }[];
                            seed?: {
                                sql: string;
                            } | {
                                command?: string[];
                                image: string;
                            };
                            /** @default [] */
                            sensitive: string[];
                            /** @default [] */
                            subset: {
                                limit?: number;
                                table: string;
                                where?: string;
                            }[];
                        };
                        /** @enum {string} */
                        engine: "postgresql" | "mysql" | "redis" | "mongodb";
                        instanceClass?: string;
                        /**
                         * @default container
                         * @enum {string}
                         */
                        mode: "container" | "managed";
                        storageGb?: number;
                        version: string;
                    };
                    /** @enum {string} */
                    kind: "application" | "container" | "database" | "job";
                    name: string;
                    /** @default [] */
                    ports: {
                        port: number;
                        /** @default false */
                        public: boolean;
                    }[];
                }[];
            };
            /** @enum {string} */
            status: "provisioning" | "running" | "stopping" | "stopped" | "starting" | "deleting" | "deleted" | "failed" | "degraded";
            system: string;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            variables: components["schemas"]["Variable"][];
        };
        /** @description See environmentInputSchema of @greenroom/plugin-environments-common: name, title?, system, owner, mode, runtime?, services[], variables[], policy?, ttl? (short for policy.ttl), expiresAt?. The owner must be the caller or one of their groups unless the caller holds environments.admin; production needs environments.environment.production; a mode with a maximum lifetime always gets an expiry. */
        EnvironmentInput: {
            [key: string]: unknown;
        };
        EnvironmentObservation: {
            drift: components["schemas"]["DriftFinding"][];
            entityAnnotations: {
                [key: string]: string;
            };
            failures: number;
            lastError?: string;
            /** Format: date-time */
            observedAt?: string;
        };
        /** @description title, system, owner, services, policy, expiresAt. The update must be allowed for the environment as it is and as it would be after the change; a new owner must be the caller or one of their groups unless the caller holds environments.admin; expiresAt (set or null) also needs environments.environment.delete, and null is refused for a mode with a maximum lifetime. Services may be sent back as read: a set secret `{ isSet: true }` keeps its stored value. */
        EnvironmentPatch: {
            [key: string]: unknown;
        };
        Error: {
            error: {
                message: string;
                name: string;
            };
            request?: {
                method?: string;
                url?: string;
            };
            response: {
                statusCode: number;
            };
        };
        Health: {
            runtimes: string[];
            /** @constant */
            status: "ok";
        };
        Operation: {
            /** Format: date-time */
            createdAt: string;
            environmentId: string;
            error?: string;
            id: string;
            idempotencyKey?: string;
            requestedBy: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            steps: {
                /** Format: date-time */
                finishedAt?: string;
                message?: string;
                name: string;
                /** Format: date-time */
                startedAt?: string;
                /** @enum {string} */
                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            }[];
            /** @enum {string} */
            type: "create" | "clone" | "update" | "stop" | "start" | "destroy" | "extend";
            /** Format: date-time */
            updatedAt: string;
        };
        PreviewQuota: {
            configured: boolean;
            systems: components["schemas"]["PreviewQuotaUsage"][];
            teams: components["schemas"]["PreviewQuotaUsage"][];
        };
        PreviewQuotaUsage: {
            limit?: number;
            previews: {
                lastActivityAt: string;
                name: string;
                priority: number;
                reclaimNext: boolean;
            }[];
            queued: number;
            ref: string;
            running: number;
        };
        PriceRates: {
            cpuCoreHour: number;
            currency: string;
            managedDatabaseHourly: {
                [key: string]: number;
            };
            memoryGbHour: number;
            storageGbHour: number;
        };
        RuntimePlan: {
            changes: {
                /** @enum {string} */
                action: "create" | "update" | "delete" | "unchanged";
                detail?: string;
                resource: string;
                service?: string;
            }[];
            runtime: string;
        };
        Service: {
            componentRef?: string;
            /** @default [] */
            customDomains: string[];
            database?: {
                data?: {
                    /** @default [] */
                    rules: {
                        column: string;
                        /** @enum {string} */
                        transform: "email" | "name" | "phone" | "hash" | "null" | "fixed" | "keep";
                        value?: string;
                    }[];
                    seed?: {
                        sql: string;
                    } | {
                        command?: string[];
                        image: string;
                    };
                    /** @default [] */
                    sensitive: string[];
                    /** @default [] */
                    subset: {
                        limit?: number;
                        table: string;
                        where?: string;
                    }[];
                };
                /** @enum {string} */
                engine: "postgresql" | "mysql" | "redis" | "mongodb";
                instanceClass?: string;
                /**
                 * @default container
                 * @enum {string}
                 */
                mode: "container" | "managed";
                storageGb?: number;
                version: string;
            };
            git?: {
                branch?: string;
                path?: string;
                repository: string;
            };
            image?: {
                repository: string;
                tag?: string;
            };
            /** @enum {string} */
            kind: "application" | "container" | "database" | "job";
            name: string;
            observed?: components["schemas"]["ServiceObservation"];
            /** @default [] */
            ports: {
                port: number;
                /** @default false */
                public: boolean;
            }[];
            /** @default 1 */
            replicas: number;
            /**
             * @default {
             *       "cpu": "250m",
             *       "memory": "256Mi"
             *     }
             */
            resources: {
                /** @default 250m */
                cpu: string;
                /** @default 256Mi */
                memory: string;
                storage?: string;
            };
            template?: {
                parameters?: {
                    [key: string]: unknown;
                };
                ref: string;
                version: string;
            };
            variables: components["schemas"]["Variable"][];
        };
        ServiceObservation: {
            image?: string;
            internalUrls: string[];
            /** Format: date-time */
            lastTransitionAt: string;
            /** Format: date-time */
            observedAt: string;
            /** @enum {string} */
            phase: "pending" | "running" | "stopped" | "failed" | "unknown";
            problem?: string;
            publicUrls: string[];
            replicas?: {
                desired: number;
                ready: number;
            };
        };
        ServiceTemplateDetails: {
            template: {
                description?: string;
                engine?: string;
                /** @enum {string} */
                lifecycle: "experimental" | "production" | "deprecated";
                links: {
                    icon?: string;
                    title?: string;
                    url: string;
                }[];
                name: string;
                namespace: string;
                owner: string;
                parameters?: {
                    [key: string]: unknown;
                };
                ref: string;
                service: {
                    [key: string]: unknown;
                };
                tags: string[];
                title: string;
                /** @enum {string} */
                type: "application" | "database" | "cache" | "queue" | "job" | "static-site";
                usageCount: number;
                version: string;
            };
            usage: {
                environment: string;
                environmentTitle: string;
                mode: string;
                service: string;
                /** @enum {string} */
                status: "current" | "outdated" | "deprecated";
                version: string;
            }[];
            versions: {
                firstSeenAt: string;
                lifecycle: string;
                version: string;
            }[];
        };
        ServiceTemplateSummary: {
            description?: string;
            engine?: string;
            /** @enum {string} */
            lifecycle: "experimental" | "production" | "deprecated";
            links: {
                icon?: string;
                title?: string;
                url: string;
            }[];
            name: string;
            namespace: string;
            owner: string;
            parameters?: {
                [key: string]: unknown;
            };
            ref: string;
            tags: string[];
            title: string;
            /** @enum {string} */
            type: "application" | "database" | "cache" | "queue" | "job" | "static-site";
            usageCount: number;
            version: string;
        };
        ServiceUpgradePlan: {
            changes: {
                after?: unknown;
                before?: unknown;
                path: string;
            }[];
            from: string;
            service: string;
            to: string;
        };
        SharingSavings: {
            base?: string;
            currency: string;
            environment: string;
            from: string;
            runningHours: number;
            saved: {
                compute: number;
                database: number;
                storage: number;
                total: number;
            };
            services: {
                name: string;
                saved: number;
            }[];
            to: string;
        };
        SharingSavingsTotals: {
            currency: string;
            environments: {
                base?: string;
                environment: string;
                saved: number;
            }[];
            from: string;
            saved: {
                compute: number;
                database: number;
                storage: number;
                total: number;
            };
            to: string;
        };
        TemplateUpgrade: {
            latest?: string;
            service: string;
            /** @enum {string} */
            status: "current" | "outdated" | "deprecated";
            template: string;
            version: string;
        };
        Variable: {
            key: string;
            /** @constant */
            kind: "value";
            value: string;
        } | {
            aliasOf: string;
            key: string;
            /** @constant */
            kind: "alias";
        } | {
            key: string;
            /** @constant */
            kind: "builtin";
            value?: string;
        } | {
            isSet: boolean;
            key: string;
            /** @constant */
            kind: "secret";
        };
        /** @description `{ kind: value | secret, value }` or `{ kind: alias, aliasOf }` */
        VariableInput: {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ExportCostCsv: {
        parameters: {
            query?: {
                /** @description Only this environment (name) */
                environment?: string;
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                /** @description What rows group by; default environment */
                groupBy?: "environment" | "owner" | "system" | "mode";
                /** @description Only environments of this mode */
                mode?: "production" | "staging" | "development" | "preview";
                /** @description Only environments owned by this group (entity ref) */
                owner?: string;
                /** @description Only environments of this system (entity ref) */
                system?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary rows as CSV (key,currency,total,compute,storage,database,idle,idle_hours,savings,source) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetCostSeries: {
        parameters: {
            query?: {
                /** @description Only this environment (name) */
                environment?: string;
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                granularity?: "day";
                /** @description What rows group by; default environment */
                groupBy?: "environment" | "owner" | "system" | "mode";
                /** @description Only environments of this mode */
                mode?: "production" | "staging" | "development" | "preview";
                /** @description Only environments owned by this group (entity ref) */
                owner?: string;
                /** @description Only environments of this system (entity ref) */
                system?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cost per group and UTC day, with the rates used */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostSeries"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetSharingSavingsTotals: {
        parameters: {
            query?: {
                /** @description Only this environment (name) */
                environment?: string;
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                /** @description What rows group by; default environment */
                groupBy?: "environment" | "owner" | "system" | "mode";
                /** @description Only environments of this mode */
                mode?: "production" | "staging" | "development" | "preview";
                /** @description Only environments owned by this group (entity ref) */
                owner?: string;
                /** @description Only environments of this system (entity ref) */
                system?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The savings, in all and per environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharingSavingsTotals"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetCostSummary: {
        parameters: {
            query?: {
                /** @description Only this environment (name) */
                environment?: string;
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                /** @description What rows group by; default environment */
                groupBy?: "environment" | "owner" | "system" | "mode";
                /** @description Only this many rows, those of the highest totals (a page that shows the top spenders needs no more); rowCount and totals still cover every row. At most environments.cost.summary.maxLimit (default 1000), else 400; default every row */
                limit?: number;
                /** @description Only environments of this mode */
                mode?: "production" | "staging" | "development" | "preview";
                /** @description Only environments owned by this group (entity ref) */
                owner?: string;
                /** @description Only environments of this system (entity ref) */
                system?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cost per group over the window, with the rates used; projectedMonth when the window is the current month so far */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostSummary"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListEnvironments: {
        parameters: {
            query?: {
                component?: string;
                limit?: number;
                mode?: "production" | "staging" | "development" | "preview";
                offset?: number;
                owner?: string;
                q?: string;
                sort?: "name" | "-name" | "updatedAt" | "-updatedAt" | "lastActivityAt" | "-lastActivityAt" | "expiresAt" | "-expiresAt";
                status?: "provisioning" | "running" | "stopping" | "stopped" | "starting" | "deleting" | "deleted" | "failed" | "degraded";
                system?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of environments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Environment"][];
                        /** @description How many match, across all pages */
                        totalCount: number;
                    };
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvironmentInput"];
            };
        };
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DestroyEnvironment: {
        parameters: {
            query?: {
                /** @description true: destroy even though other environments share it */
                force?: "true" | "false";
            };
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvironmentPatch"];
            };
        };
        responses: {
            /** @description Updated; nothing to deploy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RecordActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    kind?: string;
                };
            };
        };
        responses: {
            /** @description Recorded */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CloneEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloneRequest"];
            };
        };
        responses: {
            /** @description With dryRun: the plan; nothing is stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClonePlan"];
                };
            };
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetCostBreakdown: {
        parameters: {
            query?: {
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The breakdown of the window */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostBreakdown"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetSharingSavings: {
        parameters: {
            query?: {
                /** @description Start of the window (ISO 8601, inclusive); default the start of the current UTC month */
                from?: string;
                /** @description End of the window (ISO 8601, exclusive), after from and at most 366 days later; default now */
                to?: string;
            };
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The savings over the window */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharingSavings"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ExtendEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description e.g. 2d: from the later of now and the current expiry, within the mode's maximum lifetime; 409 for an environment without an expiry */
                    by: string;
                    /** @description Renew instead of add: the expiry becomes at least now + by, and stays when already later (a preview renewed on each push) */
                    renew?: boolean;
                };
            };
        };
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListOperations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Operations, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Operation"][];
                    };
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    PlanEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the runtime would change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuntimePlan"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ReapplyEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddServiceFromTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dryRun?: boolean;
                    name?: string;
                    parameters?: {
                        [key: string]: unknown;
                    };
                    template?: string;
                };
            };
        };
        responses: {
            /** @description With dryRun: the rendered service (secrets as isSet); nothing is stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["Service"];
                    };
                };
            };
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpgradeService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
                service: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description With dryRun: what the upgrade changes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceUpgradePlan"];
                };
            };
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    PutServiceVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                key: string;
                /** @description Environment name */
                name: string;
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VariableInput"];
            };
        };
        responses: {
            /** @description The environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteServiceVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                key: string;
                /** @description Environment name */
                name: string;
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    StartEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    StopEnvironment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key from the same caller replays the same request (method, path, body); sent with another request it is a 422 */
                "idempotency-key"?: string;
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Stop even though other environments share it */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description The change is queued as an operation */
            202: {
                headers: {
                    /** @description true when this answers an earlier request with the same Idempotency-Key: nothing was changed now */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListTemplateUpgrades: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each service made from a template: current, outdated or deprecated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TemplateUpgrade"][];
                    };
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    PutVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                key: string;
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VariableInput"];
            };
        };
        responses: {
            /** @description The environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected revision; a stale one is answered with 409 */
                "if-match"?: string;
            };
            path: {
                key: string;
                /** @description Environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The environment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    Health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    GetOperation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetPreviewQuota: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How full the preview quotas are */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewQuota"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListServiceTemplates: {
        parameters: {
            query?: {
                engine?: string;
                lifecycle?: "experimental" | "production" | "deprecated";
                owner?: string;
                q?: string;
                type?: "application" | "database" | "cache" | "queue" | "job" | "static-site";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ServiceTemplates of the catalog, by title */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ServiceTemplateSummary"][];
                    };
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetServiceTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                namespace: string;
                templateName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A template with its versions (newest first) and usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceTemplateDetails"];
                };
            };
            /** @description Bad input, or beyond a limit of environments.limits (lifetime, priority, runtime target, resources, custom domains); the message names the field and the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: a permission is missing, or the caller may not set a field (owner, mode production, pullRequest), which the message names */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Name taken, stale revision, a custom domain held by another environment (named), or nothing to extend */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
