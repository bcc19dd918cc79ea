import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import { isQuestionShown, type Question, type Questionnaire } from '@jiayi/domain'
import type { Answer } from '../api/types'
import { BigButton, CheckItem, TextArea } from './Form'
import { ErrorMessage } from './StateView'

type Answers = Record<string, { optionIds: string[]; text: string }>

/** The questions shown for these answers: display logic follows only answers of shown questions. */
function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  const shownAnswers: Answers = {}
  const visible: Question[] = []
  for (const question of questions) {
    if (!isQuestionShown(question, shownAnswers)) continue
    visible.push(question)
    if (answers[question.id]) shownAnswers[question.id] = answers[question.id]
  }
  return visible
}

function isAnswered(question: Question, answers: Answers): boolean {
  const answer = answers[question.id]
  if (!answer) return false
  return question.type === 'text' ? answer.text.trim() !== '' : answer.optionIds.length > 0
}

function toAnswers(visible: Question[], answers: Answers): Answer[] {
  return visible
    .filter((q) => isAnswered(q, answers))
    .map((q) => (q.type === 'text' ? { questionId: q.id, text: answers[q.id].text.trim() } : { questionId: q.id, optionIds: answers[q.id].optionIds }))
}

interface Props {
  questionnaire: Questionnaire
  onSubmit: (answers: Answer[]) => void
  submitting: boolean
  error: unknown
  submitLabel?: string
  /** Answers known before asking (the age band from the person's record), still changeable. */
  initial?: Answer[]
}

/** One question per screen with progress (第3题/共13题), required checks and display logic. */
export function QuestionForm({ questionnaire, onSubmit, submitting, error, submitLabel = '提交问卷', initial = [] }: Props) {
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries(initial.map((a) => [a.questionId, { optionIds: a.optionIds ?? [], text: a.text ?? '' }])),
  )
  const [index, setIndex] = useState(0)
  const [missing, setMissing] = useState(false)
  const visible = useMemo(() => visibleQuestions(questionnaire.questions, answers), [questionnaire, answers])
  const position = Math.min(index, visible.length - 1)
  const question = visible[position]
  const last = position === visible.length - 1

  if (!question) return <View className='state state--empty'>这份问卷没有题目</View>

  const answer = answers[question.id] ?? { optionIds: [], text: '' }
  const setAnswer = (change: Partial<{ optionIds: string[]; text: string }>) => {
    setMissing(false)
    setAnswers((all) => ({ ...all, [question.id]: { ...answer, ...change } }))
  }
  const choose = (optionId: string, on: boolean) => {
    if (question.type === 'multiple') {
      setAnswer({ optionIds: on ? [...answer.optionIds, optionId] : answer.optionIds.filter((id) => id !== optionId) })
    } else {
      setAnswer({ optionIds: [optionId] })
    }
  }

  const forward = () => {
    if (question.required && !isAnswered(question, answers)) {
      setMissing(true)
      return
    }
    if (last) onSubmit(toAnswers(visible, answers))
    else setIndex(position + 1)
  }

  return (
    <View data-testid='question-form'>
      <View className='progress' data-testid='survey-progress'>
        第{position + 1}题/共{visible.length}题
      </View>
      <View className='progress__bar'>
        <View className='progress__fill' style={{ width: `${((position + 1) / visible.length) * 100}%` }} />
      </View>
      <View className='question__title' data-testid='question-title'>
        {question.title}
        {question.type === 'multiple' ? '（可多选）' : ''}
        {!question.required ? '（选填）' : ''}
      </View>
      {question.type === 'text' ? (
        <TextArea label='请填写' testId='survey-text' value={answer.text} onInput={(text) => setAnswer({ text })} />
      ) : (
        question.options.map((option) => (
          <CheckItem
            key={option.id}
            testId={`option-${option.id}`}
            radio={question.type !== 'multiple'}
            checked={answer.optionIds.includes(option.id)}
            onChange={(on) => choose(option.id, on)}
          >
            {option.id}. {option.label}
          </CheckItem>
        ))
      )}
      {missing && (
        <View className='form-error' data-testid='survey-required'>
          这道题必须回答
        </View>
      )}
      <ErrorMessage error={error} />
      <BigButton testId={last ? 'survey-submit' : 'next'} loading={submitting} onClick={forward}>
        {last ? submitLabel : '下一题'}
      </BigButton>
      {position > 0 && (
        <BigButton testId='prev' kind='plain' onClick={() => setIndex(position - 1)}>
          上一题
        </BigButton>
      )}
    </View>
  )
}
