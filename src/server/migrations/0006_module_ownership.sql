-- Each module owns its tables (issue 6, item 19). Accounts and venues carry the
-- path of their region (a region's path never changes: regions are added, never
-- moved), so their scope filters need no join with the regions module's table.
-- The outbox carries the region of the matter a message is about, so admins read
-- it within their scope without a join with the tickets module's table.

alter table accounts add column region_path text;
update accounts a set region_path = r.path from regions r where r.code = a.region_code;
alter table accounts alter column region_path set not null;
create index accounts_region_path on accounts (region_path text_pattern_ops);

alter table venues add column region_path text;
update venues v set region_path = r.path from regions r where r.code = v.region_code;
alter table venues alter column region_path set not null;
create index venues_region_path on venues (region_path text_pattern_ops);

alter table notifications add column region_path text;
update notifications n set region_path = t.region_path from tickets t where t.id = n.ticket_id;
create index notifications_region_path on notifications (region_path text_pattern_ops);

alter table upstream_clients add column region_path text;
update upstream_clients u set region_path = r.path from regions r where r.code = u.region_code;
alter table upstream_clients alter column region_path set not null;
