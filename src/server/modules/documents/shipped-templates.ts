import type { DocumentKind } from "./document-kinds.ts";
import type { Template } from "./template-render.ts";

/**
 * The texts a release ships for each document (reference data: put in the
 * database once per kind, then each deployment edits its own; an edited text is
 * never overwritten). Written on the Legal Aid Law (法律援助法, 2021) and the
 * People's Mediation Law (人民调解法, 2010); each rule a text states names its article.
 */
export const SHIPPED_TEMPLATES: Record<DocumentKind, Template> = {
  legal_aid_application: {
    title: "法律援助申请表",
    body: `申请编号：{{ticketNo}}
## 申请人基本情况
姓名：{{applicant.name}}　　性别：{{applicant.gender}}
公民身份号码：{{applicant.idNumber}}
联系电话：{{applicant.phone}}
住所地：{{applicant.address}}
## 申请事项
{{application.matter}}
## 案情及申请理由
{{application.facts}}
## 经济困难状况
{{application.hardship}}
## 申请人承诺
　　本人如实说明经济困难状况（《中华人民共和国法律援助法》第四十一条），并承诺以上所填内容真实、完整；如有不实，愿承担相应责任。法律援助机构可以通过信息共享查询核查本人的经济困难状况。
　　法律援助机构应当自收到本申请之日起七日内进行审查，作出是否给予法律援助的决定（法律援助法第四十三条）。
> 申请人（签名或按指印）：
> 受理机构：{{unit.name}}
> 申请日期：{{receivedDate}}`,
  },
  legal_aid_acceptance: {
    title: "法律援助申请受理通知书",
    body: `编号：{{ticketNo}}
{{applicant.name}}：
　　你于{{receivedDate}}提出的法律援助申请（事项：{{category}}），本机构已收到并受理。
　　根据《中华人民共和国法律援助法》第四十三条，本机构将自收到申请之日起七日内进行审查，作出是否给予法律援助的决定；决定给予法律援助的，自作出决定之日起三日内指派法律援助人员为你提供法律援助；决定不给予法律援助的，将书面告知你并说明理由。
　　需要补充的材料（一次性告知）：{{acceptance.missingMaterials}}
　　申请材料不齐全的，请按上述要求补充材料或者作出说明；未按要求补充材料或者作出说明的，视为撤回申请（法律援助法第四十三条第二款）。
　　特此通知。
> {{unit.name}}
> {{issuedDate}}`,
  },
  legal_aid_decision: {
    title: "{{decision.outcome.label}}决定书",
    body: `编号：{{ticketNo}}
申请人：{{applicant.name}}
申请事项：{{category}}
　　你于{{receivedDate}}向本机构提出法律援助申请。本机构依照《中华人民共和国法律援助法》第四十三条进行了审查，现决定如下：
{{#if decision.outcome=grant}}
## 给予法律援助
　　理由：{{decision.reasons}}
　　援助形式：{{decision.aidForm}}
　　本机构将自作出本决定之日起三日内指派法律援助人员为你提供法律援助（法律援助法第四十三条）。受援人有权向本机构、法律援助人员了解法律援助事项办理情况（法律援助法第五十五条）。
{{/if}}
{{#if decision.outcome=refuse}}
## 不予法律援助
　　理由：{{decision.reasons}}
　　如对本决定有异议，你可以依照《中华人民共和国法律援助法》第四十九条，向设立本机构的司法行政部门（{{decision.objectionOffice}}）提出异议。司法行政部门应当自收到异议之日起五日内进行审查，作出维持本机构决定或者责令本机构改正的决定。对维持决定仍有异议的，可以依法申请行政复议或者提起行政诉讼。
{{/if}}
> {{unit.name}}（印章）
> {{issuedDate}}`,
  },
  legal_aid_assignment: {
    title: "指派通知书",
    body: `编号：{{ticketNo}}
{{lawyer.firm}}：
　　本机构已于{{decision.date}}决定给予{{applicant.name}}法律援助（事项：{{category}}）。根据《中华人民共和国法律援助法》第四十三条，现指派{{lawyer.name}}承办该法律援助事项。
　　请承办人员依法及时为受援人提供符合标准的法律援助服务（法律援助法第十九条），不得向受援人收取任何财物（第二十条），对知悉的国家秘密、商业秘密和个人隐私予以保密（第二十一条）；办理完毕后，按规定向本机构提交结案材料。
　　承办人员：{{lawyer.name}}　　联系电话：{{lawyer.phone}}
　　受援人：{{applicant.name}}　　联系电话：{{applicant.phone}}
> {{unit.name}}（印章）
> {{issuedDate}}`,
  },
  mediation_application: {
    title: "人民调解申请书",
    body: `编号：{{ticketNo}}
## 当事人
申请人：{{applicant.name}}　　性别：{{applicant.gender}}　　联系电话：{{applicant.phone}}
对方当事人：{{counterparty.name}}
## 纠纷事实
{{dispute.facts}}
## 调解请求
{{mediation.request}}
　　申请人依照《中华人民共和国人民调解法》第十七条向{{unit.name}}申请调解。人民调解委员会调解民间纠纷，不收取任何费用（人民调解法第四条）；当事人可以选择或者接受人民调解员，可以要求调解公开进行或者不公开进行，可以自主表达意愿、自愿达成调解协议（人民调解法第二十三条）。
> 申请人（签名或按指印）：
> {{receivedDate}}`,
  },
  mediation_agreement: {
    title: "人民调解协议书",
    body: `编号：{{ticketNo}}
## 一、当事人的基本情况
甲方：{{applicant.name}}　　性别：{{applicant.gender}}
乙方：{{counterparty.name}}
{{parties.details}}
## 二、纠纷的主要事实、争议事项以及各方当事人的责任
纠纷的主要事实：{{dispute.facts}}
争议事项：{{dispute.issues}}
各方当事人的责任：{{dispute.responsibilities}}
## 三、当事人达成调解协议的内容，履行的方式、期限
　　经{{unit.name}}主持调解，当事人自愿达成如下协议：
{{agreement.content}}
履行方式：{{agreement.performance}}
履行期限：{{agreement.deadline}}
## 四、其他事项
　　本协议依照《中华人民共和国人民调解法》第二十九条制作，自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效；由当事人各执一份，人民调解委员会留存一份。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（人民调解法第三十一条）。
　　双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（人民调解法第三十三条）。
> 甲方（签名或按指印）：　　　　乙方（签名或按指印）：
> 人民调解员（签名）：{{mediator.name}}
> {{unit.name}}（印章）
> {{issuedDate}}`,
  },
  referral: {
    title: "转介函",
    body: `编号：{{ticketNo}}
{{referral.to}}：
　　{{applicant.name}}于{{receivedDate}}向本单位反映以下事项（{{serviceType}}，{{category}}）：
{{description}}
　　转介事由：{{referral.reason}}
　　经审查，该事项宜由贵单位依法处理，现予转介，请予接洽办理，并将处理情况告知本单位。
　　本单位联系人：{{referral.contact}}
> {{unit.name}}
> {{issuedDate}}`,
  },
};
