-- The audit log view filters by person, action and object, newest first (issue 7, item 4).
-- Each filter gets an index that also serves the order, so a filtered page reads only its rows.
create index audit_log_actor on audit_log (actor_id, at desc) where actor_id is not null;
create index audit_log_actor_username on audit_log (lower(actor_username), at desc);
create index audit_log_action on audit_log (action, at desc);
create index audit_log_entity_at on audit_log (entity_type, entity_id, at desc);
drop index audit_log_entity;
