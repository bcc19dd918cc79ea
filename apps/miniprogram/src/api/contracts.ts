import { http } from './client'
import type { Contract, CreateContractInput } from './types'

export const contractsApi = {
  list: () => http.get<Contract[]>('/contracts'),
  get: (id: string) => http.get<Contract>(`/contracts/${id}`),
  create: (input: CreateContractInput) => http.create<Contract[]>('/contracts', input),
  renew: (id: string, input: { packageCodes?: string[]; years?: number } = {}) =>
    http.create<Contract>(`/contracts/${id}/renew`, input),
  terminate: (id: string, reason: string) => http.post<Contract>(`/contracts/${id}/terminate`, { reason }),
}
