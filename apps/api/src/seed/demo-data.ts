/**
 * The demo data of api.md: one region, two institutions each with two teams serving named
 * communities, doctors, one partner hospital, the reference catalog, the agreement and the demo
 * staff accounts (password `jiayi-demo`, refused outside demo mode).
 */
export const DEMO_PASSWORD = 'jiayi-demo';

export const DEMO_REGION = { name: '示范县' };

export const DEMO_INSTITUTIONS = [
  {
    key: 'clinic1',
    name: '城关镇卫生院',
    kind: 'townshipHealthCentre' as const,
    address: '示范县城关镇人民路18号',
    phone: '0991-5550101',
    communities: ['东关村', '西关村', '南街社区'],
    teams: [
      {
        name: '城关镇第一家庭医生团队',
        phone: '0991-5550111',
        communities: ['东关村', '西关村'],
        doctors: [
          { key: 'doctor1', name: '王建国', title: '全科医生（团队长）', phone: '13900000101', isFamilyDoctor: true },
          { name: '赵中和', title: '中医师', phone: '13900000102', isFamilyDoctor: true },
          { name: '李秀梅', title: '护士', phone: '13900000103', isFamilyDoctor: false },
        ],
      },
      {
        name: '城关镇第二家庭医生团队',
        phone: '0991-5550112',
        communities: ['南街社区', '西关村'],
        doctors: [
          { name: '陈立华', title: '全科医生（团队长）', phone: '13900000104', isFamilyDoctor: true },
          { name: '周晓兰', title: '公卫医生', phone: '13900000105', isFamilyDoctor: false },
          { name: '吴春生', title: '乡村医生', phone: '13900000106', isFamilyDoctor: true },
        ],
      },
    ],
  },
  {
    key: 'clinic2',
    name: '东城社区卫生服务中心',
    kind: 'communityHealthCentre' as const,
    address: '示范县东城街道和平路66号',
    phone: '0991-5550202',
    communities: ['东城社区', '花园社区', '新华社区'],
    teams: [
      {
        name: '东城第一家庭医生团队',
        phone: '0991-5550211',
        communities: ['东城社区', '花园社区'],
        doctors: [
          { key: 'doctor1', name: '刘海燕', title: '全科医生（团队长）', phone: '13900000201', isFamilyDoctor: true },
          { name: '孙国庆', title: '中医师', phone: '13900000202', isFamilyDoctor: true },
          { name: '郑丽', title: '护士', phone: '13900000203', isFamilyDoctor: false },
        ],
      },
      {
        name: '东城第二家庭医生团队',
        phone: '0991-5550212',
        communities: ['新华社区'],
        doctors: [
          { name: '马文斌', title: '全科医生（团队长）', phone: '13900000204', isFamilyDoctor: true },
          { name: '黄佳', title: '公卫医生', phone: '13900000205', isFamilyDoctor: false },
        ],
      },
    ],
  },
];

export const DEMO_HOSPITAL = {
  name: '示范县人民医院',
  level: '二级甲等',
  address: '示范县解放路1号',
  departments: ['内科', '心血管内科', '内分泌科', '眼科', '骨科', '中医科', '妇产科', '儿科'],
};

export const AGREEMENT_VERSION = '2026.1';
export const AGREEMENT_TITLE = '家庭医生签约服务协议';
export const AGREEMENT_TEXT = [
  '甲方（签约居民）自愿与乙方（家庭医生团队）签订本协议，签约周期为1至3年，自协议生效之日起计算。',
  '一、乙方为甲方提供所选服务包内的服务：建立和管理健康档案、健康咨询与健康教育、常见病多发病诊疗、慢性病随访与长处方、优先预约转诊等。',
  '二、服务费用按所选服务包标准，由医保基金、基本公共卫生经费、财政补助和个人共同承担，各方金额以签约时确认的费用明细为准。',
  '三、经甲方明确授权，医保基金方可支付相应费用；甲方可随时撤回授权，撤回后由个人承担相应部分。',
  '四、乙方依法保护甲方个人信息，身份证号、健康信息等敏感个人信息仅用于签约服务，加密保存，不向无关人员提供。',
  '五、签约到期前30天内，甲方可一键续约；特殊情况下甲方可申请变更签约团队，原协议同时终止。',
  '六、甲方迁出、连续一年无法联系或连续一年拒绝服务的，乙方可终止协议；甲方也可主动解约。',
  '七、本协议经甲方在线确认、乙方审核确认后生效，双方各自留存电子文本。',
].join('\n');

export const DEMO_STAFF = [
  { username: 'region.admin', role: 'regionAdmin' as const, name: '示范县卫健委管理员' },
  { username: 'clinic1.admin', role: 'clinicAdmin' as const, name: '城关镇卫生院管理员', institution: 'clinic1' },
  { username: 'clinic1.doctor1', role: 'doctor' as const, name: '王建国', institution: 'clinic1', doctor: 'doctor1' },
  { username: 'clinic2.admin', role: 'clinicAdmin' as const, name: '东城社区卫生服务中心管理员', institution: 'clinic2' },
  { username: 'clinic2.doctor1', role: 'doctor' as const, name: '刘海燕', institution: 'clinic2', doctor: 'doctor1' },
  { username: 'hospital1.coordinator', role: 'hospitalCoordinator' as const, name: '县人民医院转诊办', hospital: true },
];
