-- Settings belong to a region node and are inherited downwards (issue 6, item 13).
--
-- service_settings: one row per (region node, service type) holding that node's own
-- material checklist (一次性告知), deadline rules and auto-dispatch switch. A node
-- without a row inherits from its nearest ancestor with one, and finally from the
-- shipped defaults (in code: services/service-catalogue.ts). The checklist moves into
-- the same row, so one lookup answers everything a ticket needs.
--
-- Until now settings were one row per service type for the whole deployment (the
-- shipped defaults were copied in at every start). Values an admin had changed stay
-- in force: they move to every root node of the region tree (a region's path never
-- changes, so the copy is exact). Rows still equal to the shipped defaults at this
-- migration (listed below, frozen here) are dropped: they read "系统默认" again.

create temporary table settings_before_0009 on commit drop as
  select d.service_type,
         coalesce(m.items, d.checklist) as checklist,
         coalesce(s.deadlines, d.deadlines) as deadlines,
         coalesce(s.is_auto_dispatch, false) as is_auto_dispatch,
         greatest(s.updated_at, m.updated_at) as updated_at,
         d.checklist as default_checklist,
         d.deadlines as default_deadlines
  from (values
  ('consultation', '[]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":3,"unit":"working_days"}]'::jsonb),
  ('legal_aid', '[{"key":"id_card","name":"申请人身份证明","isRequired":true},{"key":"hardship_proof","name":"经济困难状况说明表（或低保、特困证明）","isRequired":true},{"key":"case_materials","name":"与所申请法律援助事项有关的材料","isRequired":true},{"key":"agent_proof","name":"代理人身份及代理权限证明（代为申请时）","isRequired":false}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":7,"unit":"working_days"}]'::jsonb),
  ('mediation', '[{"key":"id_card","name":"当事人身份证明","isRequired":true},{"key":"dispute_facts","name":"纠纷事实及相关证据材料","isRequired":false},{"key":"counterparty_contact","name":"对方当事人联系方式","isRequired":false}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":720,"unit":"hours"}]'::jsonb),
  ('notarization', '[{"key":"id_card","name":"申请人身份证明","isRequired":true},{"key":"notary_materials","name":"需公证事项的证明材料","isRequired":true}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":5,"unit":"working_days"}]'::jsonb),
  ('forensic_appraisal', '[{"key":"id_card","name":"委托人身份证明","isRequired":true},{"key":"entrustment","name":"委托书或办案机关委托材料","isRequired":true}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":5,"unit":"working_days"}]'::jsonb),
  ('arbitration', '[{"key":"id_card","name":"申请人身份证明","isRequired":true},{"key":"arbitration_agreement","name":"仲裁协议或劳动关系证明","isRequired":true}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":5,"unit":"working_days"}]'::jsonb),
  ('administrative_reconsideration', '[{"key":"id_card","name":"申请人身份证明","isRequired":true},{"key":"decision","name":"被申请复议的行政行为材料","isRequired":true}]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":5,"unit":"working_days"}]'::jsonb),
  ('lawyer_referral', '[]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":3,"unit":"working_days"}]'::jsonb),
  ('complaint', '[]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":15,"unit":"working_days"}]'::jsonb),
  ('suggestion', '[]'::jsonb, '[{"step":"accept","amount":1,"unit":"working_days"},{"step":"resolve","amount":15,"unit":"working_days"}]'::jsonb)
  ) as d (service_type, checklist, deadlines)
  left join service_settings s on s.service_type = d.service_type
  left join material_checklists m on m.service_type = d.service_type
  where s.service_type is not null or m.service_type is not null;

drop table service_settings;
drop table material_checklists;

create table service_settings (
  region_code      text not null references regions (code),
  -- The node's materialized path: the nearest-ancestor lookup is by the codes on a
  -- ticket's path; the path serves "which nodes below me have their own".
  region_path      text not null,
  service_type     text not null,
  -- [{key, name, isRequired}]
  checklist        jsonb not null,
  -- [{step, amount, unit: 'hours' | 'working_days'}]
  deadlines        jsonb not null,
  is_auto_dispatch boolean not null,
  updated_at       timestamptz not null,
  primary key (region_code, service_type)
);
create index service_settings_region_path on service_settings (region_path text_pattern_ops);

insert into service_settings (region_code, region_path, service_type, checklist, deadlines, is_auto_dispatch, updated_at)
  select r.code, r.path, b.service_type, b.checklist, b.deadlines, b.is_auto_dispatch, coalesce(b.updated_at, now())
  from settings_before_0009 b cross join regions r
  where r.parent_code is null
    and (b.checklist <> b.default_checklist or b.deadlines <> b.default_deadlines or b.is_auto_dispatch);

-- The holiday calendar stays national (holiday_years, edited only by admins of a root
-- node); a region node may add its own rest days and 调休 working days per year (e.g.
-- 藏历新年 in a Tibetan autonomous prefecture). They apply to the node and everything
-- under it, on top of the national arrangement.
create table regional_holidays (
  region_code text not null references regions (code),
  region_path text not null,
  year        text not null check (year ~ '^\d{4}$'),
  -- {off: [{name, from, to}], work: [date], source?}, as holiday_years.data
  data        jsonb not null,
  updated_at  timestamptz not null,
  primary key (region_code, year)
);
create index regional_holidays_region_path on regional_holidays (region_path text_pattern_ops);
