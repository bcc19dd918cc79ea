import { PackageItem, ServicePackage } from './service-package';

// The Xinjiang 2022 reference table (自治区家庭医生签约服务包内容及经费标准参考表), in fen per year.
// Where the table gives one fee for a whole package, the fee sits on the first item, as in the table.

/** Arguments in the table's column order: fee, then 医保 / 个人 / 公卫. */
function item(name: string, unitPrice: number, count: number, insurance: number, selfPay: number, publicHealth: number): PackageItem {
  return { name, unitPrice, count, insurance, publicHealth, selfPay };
}

function tcmDiet(): PackageItem {
  return item('中医辨证施膳指导（赠送5元脉图诊断）', 500, 4, 1500, 500, 0);
}

export const REFERENCE_CATALOG: ServicePackage[] = [
  {
    code: 'basicPublicHealth',
    name: '基本公卫服务包',
    kind: 'basic',
    targetTags: [],
    description: '辖区内所有居民：健康档案、重点人群专档管理、健康教育、长处方、健康咨询、签约宣传。',
    items: [
      item('完善居民健康档案', 1000, 1, 0, 0, 1000),
      item('重点人群分类专档管理', 0, 1, 0, 0, 0),
      item('通过微信、公众号等提供健康教育资料和宣传', 0, 1, 0, 0, 0),
      item('病情稳定的慢性病患者长处方（4至12周）', 0, 1, 0, 0, 0),
      item('健康咨询解答和就医指导', 0, 1, 0, 0, 0),
      item('家庭医生签约咨询和个性化签约服务宣传', 0, 1, 0, 0, 0),
    ],
    includes: [],
  },
  {
    code: 'basicMedical',
    name: '基本医疗服务包',
    kind: 'basic',
    targetTags: [],
    description: '辖区内所有居民：常见病门诊和注射输液、优先转诊、定期健康随访、医保服务档案、医保政策宣传、严重精神障碍患者随访。',
    items: [
      item('常见病、多发病的中西医门诊诊疗、肌肉注射、静脉注射、静脉输液', 2500, 1, 2000, 500, 0),
      item('优先为签约居民提供转院转诊服务', 0, 1, 0, 0, 0),
      item('通过电话等方式定期了解健康状况，给予健康指导', 0, 1, 0, 0, 0),
      item('规范管理医保服务档案', 0, 1, 0, 0, 0),
      item('每月至少1次医疗保障政策宣传', 0, 1, 0, 0, 0),
      item('严重精神障碍患者随访和危险性评估', 0, 1, 0, 0, 0),
    ],
    includes: [],
  },
  {
    code: 'elderly',
    name: '65岁及以上老年人个性包',
    kind: 'personalised',
    targetTags: ['elderly65'],
    description: '65岁及以上老年人：含基本公卫服务包，另有家庭病床和巡诊、中医贴敷、拔罐、中医辨证施膳指导。',
    items: [
      item('建立家庭病床和巡诊（建床费14元，病床巡诊10元）', 2400, 1, 1700, 700, 0),
      item('贴敷疗法（中）', 1300, 1, 900, 400, 0),
      item('拔罐（3个罐）', 1200, 1, 800, 400, 0),
      tcmDiet(),
    ],
    includes: ['basicPublicHealth'],
  },
  {
    code: 'hypertension',
    name: '高血压患者个性包',
    kind: 'personalised',
    targetTags: ['hypertension'],
    description: '高血压患者：含基本公卫服务包，另有家庭巡诊、眼底照相、电解质、血清γ谷氨酰基转移酶测定、中医辨证施膳指导。',
    items: [
      item('家庭巡诊', 1000, 1, 700, 300, 0),
      item('眼底照相', 1300, 1, 1000, 300, 0),
      item('电解质', 600, 5, 2500, 500, 0),
      item('血清γ谷氨酰基转移酶测定', 300, 1, 200, 100, 0),
      tcmDiet(),
    ],
    includes: ['basicPublicHealth'],
  },
  {
    code: 'diabetes',
    name: '糖尿病患者个性包',
    kind: 'personalised',
    targetTags: ['diabetes2'],
    description: '2型糖尿病患者：含基本公卫服务包，另有家庭巡诊、眼底照相、糖化血红蛋白、中医辨证施膳指导。',
    items: [item('家庭巡诊', 1000, 1, 700, 300, 0), item('眼底照相', 1300, 1, 1000, 300, 0), item('糖化血红蛋白', 4800, 1, 3400, 1400, 0), tcmDiet()],
    includes: ['basicPublicHealth'],
  },
];
