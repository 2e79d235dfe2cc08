-- ModelQoS delivery store, layout 1. ${schema} is replaced by the configured schema (a checked SQL identifier).

-- Deliveries: the record is the same JSON document the embedded store keeps; the columns beside it are what the
-- AF looks deliveries up by. owner_replica is the replica that acts on the delivery (timers, NEF calls, webhooks).
CREATE TABLE ${schema}.deliveries (
    id            text PRIMARY KEY,
    tenant        text        NOT NULL,
    ue_key        text        NOT NULL,
    callback_id   text        NOT NULL UNIQUE,
    state         text        NOT NULL,
    created_ns    bigint      NOT NULL,
    ended_ns      bigint,
    live          boolean     NOT NULL,
    owner_replica text        NOT NULL,
    record        jsonb       NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_by_tenant ON ${schema}.deliveries (tenant, created_ns DESC, id DESC);
CREATE INDEX deliveries_by_ue ON ${schema}.deliveries (tenant, ue_key, created_ns DESC, id DESC);
CREATE INDEX deliveries_by_state ON ${schema}.deliveries (tenant, state, created_ns DESC, id DESC);
CREATE INDEX deliveries_live_by_owner ON ${schema}.deliveries (owner_replica) WHERE live;
CREATE INDEX deliveries_by_owner ON ${schema}.deliveries (owner_replica);
CREATE INDEX deliveries_ended ON ${schema}.deliveries (ended_ns) WHERE NOT live;

-- Idempotency keys per tenant; written before the delivery row (a create remembers its key first).
CREATE TABLE ${schema}.idempotency (
    tenant      text NOT NULL,
    idem_key    text NOT NULL,
    fingerprint text NOT NULL,
    delivery_id text NOT NULL,
    PRIMARY KEY (tenant, idem_key)
);
CREATE INDEX idempotency_by_delivery ON ${schema}.idempotency (delivery_id);

-- The outbox: each delivery's events, and how far its webhook has got.
CREATE TABLE ${schema}.events (
    delivery_id text   NOT NULL,
    seq         bigint NOT NULL,
    event       jsonb  NOT NULL,
    PRIMARY KEY (delivery_id, seq)
);
CREATE TABLE ${schema}.event_cursors (
    delivery_id     text PRIMARY KEY,
    last_seq        bigint NOT NULL,
    delivered_up_to bigint NOT NULL
);
CREATE INDEX event_cursors_owed ON ${schema}.event_cursors (delivery_id) WHERE last_seq > delivered_up_to;

-- The replicas and their heartbeats (the database's clock, so the replicas' clocks need not agree). A replica
-- whose heartbeat is too old is declared dead (declared_dead_at) before its deliveries are adopted; its next
-- heartbeat then fails, which tells it so, and it registers anew.
CREATE TABLE ${schema}.replicas (
    id               text PRIMARY KEY,
    heartbeat_at     timestamptz NOT NULL,
    started_at       timestamptz NOT NULL,
    declared_dead_at timestamptz
);

-- Notifications and requests a replica received for a delivery another replica owns, waiting for the owner.
CREATE TABLE ${schema}.relayed (
    num         bigserial PRIMARY KEY,
    delivery_id text        NOT NULL,
    kind        text        NOT NULL,
    body        text,
    relayed_by  text        NOT NULL,
    relayed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relayed_by_delivery ON ${schema}.relayed (delivery_id, num);
