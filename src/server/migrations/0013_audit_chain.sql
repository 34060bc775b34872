-- The audit trail holds against an insider (issue 6, item 12; docs/audit-trail.md).
-- The chains become keyed (HMAC-SHA256 under the audit key, kept outside the
-- database) and cover every stored field; each row names its key. The HMACs are
-- made by the app, never here: the key never reaches the database.

-- Ticket events: the key each link was made with. Rows from before stay null
-- until the app re-chains them under the key on its first start (rechainLegacyAudit).
alter table ticket_events add column key_id text;
-- Finds the rows left to re-chain with one probe (empty once they are).
create index ticket_events_unkeyed on ticket_events (ticket_id) where key_id is null;

-- The chain head on the ticket row, advanced with every event in the same
-- statement: deleting the last events no longer leaves a chain that "holds".
-- Legacy tickets get the head of their unkeyed chain; the re-chain replaces it.
alter table tickets add column chain_seq integer not null default 0;
alter table tickets add column chain_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000';
update tickets t set chain_seq = e.seq, chain_hash = e.hash
  from (select distinct on (ticket_id) ticket_id, seq, hash from ticket_events order by ticket_id, seq desc) e
  where e.ticket_id = t.id;

-- The audit log: one global chain, in seq order (not id order: ids are taken
-- before commit, seqs under the head's row lock). Null on legacy rows until re-chained.
alter table audit_log add column seq bigint;
alter table audit_log add column key_id text;
alter table audit_log add column prev_hash text;
alter table audit_log add column hash text;
create unique index audit_log_seq on audit_log (seq);
create index audit_log_unchained on audit_log (id) where seq is null;

-- The audit log's head: one row, locked by each append (select … for update), so
-- appends take seqs one after another.
create table audit_chain_head (
  id   smallint primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);
insert into audit_chain_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The one change the append-only tables allow: keying a legacy row once, its
-- content untouched (the first start's re-chain). A keyed row stays as it is.
create function refuse_ticket_event_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.key_id is null and new.key_id is not null
     and (new.id, new.ticket_id, new.seq, new.at, new.actor_kind, new.actor_id, new.actor_name, new.type, new.data)
         is not distinct from (old.id, old.ticket_id, old.seq, old.at, old.actor_kind, old.actor_id, old.actor_name, old.type, old.data) then
    return new;
  end if;
  raise exception 'audit records are append-only (% refused on %)', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end;
$$;
drop trigger ticket_events_append_only on ticket_events;
create trigger ticket_events_append_only
  before update or delete on ticket_events
  for each row execute function refuse_ticket_event_change();

create function refuse_audit_log_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.key_id is null and new.key_id is not null
     and (new.id, new.at, new.actor_kind, new.actor_id, new.actor_username, new.action, new.entity_type, new.entity_id, new.ip, new.region_path, new.detail)
         is not distinct from (old.id, old.at, old.actor_kind, old.actor_id, old.actor_username, old.action, old.entity_type, old.entity_id, old.ip, old.region_path, old.detail) then
    return new;
  end if;
  raise exception 'audit records are append-only (% refused on %)', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end;
$$;
drop trigger audit_log_append_only on audit_log;
create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function refuse_audit_log_change();

-- The daily checkpoint (日终校验点): a hash over every ticket's head and the audit
-- log's head as of the end of a Beijing day, keyed and chained to the previous
-- checkpoint. Exported and kept elsewhere, it shows what an insider removed
-- wholesale (a ticket with all its events) or rewrote with the key.
create table audit_checkpoints (
  day            date primary key,
  -- The instant the checkpoint covers: events and audit entries with at < cutoff.
  cutoff         timestamptz not null,
  made_at        timestamptz not null,
  ticket_count   integer not null,
  tickets_digest text not null,
  audit_seq      bigint not null,
  audit_hash     text not null,
  key_id         text not null,
  prev_hash      text not null,
  hash           text not null unique
);
create trigger audit_checkpoints_append_only
  before update or delete on audit_checkpoints
  for each row execute function refuse_audit_change();
create trigger audit_checkpoints_no_truncate
  before truncate on audit_checkpoints
  for each statement execute function refuse_audit_change();
