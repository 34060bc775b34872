-- The audit log view filters by person, action and object, newest first (issue 7, item 4).
-- Each filter gets an index that also serves the order (the id: the order written), so a
-- filtered page reads only its own rows. The time filter uses audit_log_at (0001).
create index audit_log_actor on audit_log (actor_id, id desc) where actor_id is not null;
create index audit_log_actor_username on audit_log (lower(actor_username), id desc);
create index audit_log_action on audit_log (action, id desc);
create index audit_log_entity_id on audit_log (entity_type, entity_id, id desc);
drop index audit_log_entity;
