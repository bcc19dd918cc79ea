import { http } from './client'
import type { AccountClosure, ConsentWithdrawal, FamilyMemberInput, Me, Person, ProfileInput } from './types'

export const meApi = {
  get: () => http.get<Me>('/me'),
  saveProfile: (input: ProfileInput) => http.put<Person>('/me/profile', input),
  familyMembers: () => http.get<Person[]>('/me/family-members'),
  addFamilyMember: (input: FamilyMemberInput) => http.create<Person>('/me/family-members', input),
  updateFamilyMember: (id: string, input: FamilyMemberInput) => http.put<Person>(`/me/family-members/${id}`, input),
  removeFamilyMember: (id: string) => http.del<void>(`/me/family-members/${id}`),
  withdrawConsent: () => http.post<ConsentWithdrawal>('/me/consent/withdraw', {}),
  close: () => http.post<AccountClosure>('/me/close', {}),
}
