import { http } from './client'
import type { Contract, CreateContractInput } from './types'

export const contractsApi = {
  list: () => http.get<Contract[]>('/contracts'),
  get: (id: string) => http.get<Contract>(`/contracts/${id}`),
  create: (input: CreateContractInput) => http.create<Contract[]>('/contracts', input),
  renew: (id: string, input: { packageCodes?: string[]; years?: number } = {}) => http.create<Contract>(`/contracts/${id}/renew`, input),
  terminate: (id: string, reason: string) => http.post<Contract>(`/contracts/${id}/terminate`, { reason }),
  /** 改签: ends the contract with reason changedTeam and starts a pending one with the new team, in one step. */
  changeTeam: (id: string, input: { teamId: string; doctorId?: string }) => http.create<Contract>(`/contracts/${id}/change-team`, input),
}
