import { Question, QuestionType, Questionnaire } from './questionnaire';

const LETTERS = 'ABCDEFGHIJ';

function question(n: number, title: string, type: QuestionType, labels: string[], scores?: number[]): Question {
  return {
    id: `q${n}`,
    title,
    type,
    required: type !== 'text',
    options: labels.map((label, i) => (scores ? { id: LETTERS[i], label, score: scores[i] } : { id: LETTERS[i], label })),
  };
}

const FIVE_LEVELS = [100, 80, 60, 40, 20];

/** The questionnaire third-party evaluators use (domain.md §7), with its default indicators. */
export const STANDARD_QUESTIONNAIRE: Questionnaire = {
  code: 'standard',
  version: 1,
  title: '家庭医生签约服务知晓率和满意度调查问卷',
  questions: [
    question(1, '您的年龄', 'single', ['18-30岁', '31-50岁', '51-65岁', '65岁以上']),
    question(2, '您是否签约了家庭医生？', 'single', ['是', '否']),
    question(3, '您签约家庭医生多久了？', 'single', ['不到半年', '半年-1年', '1年以上']),
    { ...question(4, '您属于下列哪一类人群', 'single', ['65周岁以上老年人', '高血压', '糖尿病', '0-6岁儿童', '孕产妇', '其他']), sensitive: true },
    question(5, '您是通过哪些渠道了解到"家庭医生签约服务"的？', 'multiple', ['社区宣传', '网络媒体', '医院推荐', '朋友或家人介绍', '其他']),
    question(6, '您是否了解家庭医生签约服务内容？', 'single', ['非常清楚各项政策', '知道,但不清楚具体内容', '完全不知道']),
    question(7, '您是否知晓您的家庭医生及联系方式？', 'single', ['知道', '说过，但忘记了', '没说过']),
    question(8, '签约到期后您是否还会继续签约？', 'single', ['我会继续签约', '无所谓', '不想继续签约']),
    question(
      9,
      '在您需要就医时，家庭医生能否及时提供帮助或建议？',
      'single',
      ['总是能及时回应并给予有效建议', '大多数时候能及时帮助', '偶尔能提供帮助，有时不及时', '很少能及时提供有用的帮助', '几乎不能提供帮助'],
      FIVE_LEVELS,
    ),
    question(
      10,
      '家庭医生与您沟通时的态度如何？',
      'single',
      ['非常热情、耐心，认真倾听', '比较热情，沟通较顺畅', '态度一般，公事公办', '态度冷淡，不太愿意沟通', '态度恶劣，让人不舒服'],
      FIVE_LEVELS,
    ),
    question(11, '您对家庭医生签约服务的满意程度：', 'single', ['非常不满意', '认可', '非常满意']),
    question(12, '您认为家庭医生服务目前最需要改进的方面是什么？', 'multiple', [
      '提高医疗技术水平',
      '加强健康管理服务内容',
      '改善服务态度',
      '增加沟通渠道和频率',
      '优化预约就诊流程',
    ]),
    question(13, '对于家庭医生服务，您还有其他任何意见或建议吗？', 'text', []),
  ],
  indicators: [
    { code: 'awareness', name: '知晓率', kind: 'rate', questionId: 'q6', optionIds: ['A', 'B'] },
    { code: 'doctorAwareness', name: '家庭医生知晓率', kind: 'rate', questionId: 'q7', optionIds: ['A'] },
    { code: 'satisfaction', name: '满意率', kind: 'rate', questionId: 'q11', optionIds: ['B', 'C'] },
    { code: 'renewalIntention', name: '续约意愿率', kind: 'rate', questionId: 'q8', optionIds: ['A'] },
    { code: 'timeliness', name: '帮助及时性得分', kind: 'meanScore', questionId: 'q9' },
    { code: 'attitude', name: '服务态度得分', kind: 'meanScore', questionId: 'q10' },
  ],
};
