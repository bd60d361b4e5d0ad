// graph-identity schema: every natural key is unique; every statement is idempotent.
// Applied by `graph-identity schema apply` and at service start.

// Customers: stable id (aliases keep their node and point to the survivor).
CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE;

// Provider records ("provider ID" nodes): provider + external id, and the derived key.
CREATE CONSTRAINT record_key IF NOT EXISTS FOR (r:Record) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT record_provider_external_id IF NOT EXISTS
  FOR (r:Record) REQUIRE (r.provider, r.external_id) IS UNIQUE;

// Identifiers: one node per canonical value, per kind, and one key across kinds.
CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT email_value IF NOT EXISTS FOR (e:Email) REQUIRE e.value IS UNIQUE;
CREATE CONSTRAINT phone_value IF NOT EXISTS FOR (p:Phone) REQUIRE p.value IS UNIQUE;
CREATE CONSTRAINT address_hash_value IF NOT EXISTS FOR (a:AddressHash) REQUIRE a.value IS UNIQUE;

// Orders, conflicts, human decisions, merge/split events, erasure tombstones.
CREATE CONSTRAINT order_key IF NOT EXISTS FOR (o:Order) REQUIRE o.key IS UNIQUE;
CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (x:Conflict) REQUIRE x.id IS UNIQUE;
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (d:Decision) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT import_checkpoint_id IF NOT EXISTS FOR (k:ImportCheckpoint) REQUIRE k.id IS UNIQUE;
// Where a pull sync got to, one node per provider, account (shop, realm) and stream.
CREATE CONSTRAINT sync_cursor_id IF NOT EXISTS FOR (s:SyncCursor) REQUIRE s.id IS UNIQUE;
// Webhook deliveries already processed (replay protection), one node per delivery id or body digest.
CREATE CONSTRAINT webhook_delivery_key IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.key IS UNIQUE;

// Indexes the queries filter on.
CREATE INDEX record_provider IF NOT EXISTS FOR (r:Record) ON (r.provider);
CREATE INDEX record_status IF NOT EXISTS FOR (r:Record) ON (r.status);
CREATE INDEX customer_status IF NOT EXISTS FOR (c:Customer) ON (c.status);
CREATE INDEX identifier_generic IF NOT EXISTS FOR (i:Identifier) ON (i.generic);
CREATE INDEX conflict_status IF NOT EXISTS FOR (x:Conflict) ON (x.status);
CREATE INDEX order_number IF NOT EXISTS FOR (o:Order) ON (o.number);
CREATE INDEX event_at IF NOT EXISTS FOR (e:Event) ON (e.at);
