import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { inspectionsContract, type Inspection, type InspectionDue, type InspectionPhoto, type Page, type Rectification } from '@contract/inspections.contract'
import type { FileBytes } from '@contract/app-api'
import { useApi } from '../api-context'

export type InspectionDueInput = z.input<typeof inspectionsContract.due.input>
export type InspectionListInput = z.input<typeof inspectionsContract.list.input>
export type RectificationListInput = z.input<typeof inspectionsContract.rectifications.input>
export type InspectionRecordInput = z.input<typeof inspectionsContract.record.input>
export type RecheckInput = z.input<typeof inspectionsContract.recheck.input>

const emptyPage = <T>(): Page<T> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** One server-paged list whose newest request wins, however the answers arrive. */
function pagedList<I, T>(fetch: (input: I) => Promise<Page<T>>) {
  const page = ref(emptyPage<T>())
  const loading = ref(false)
  let seq = 0

  async function load(input: I): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await fetch(input)
      if (mine === seq) page.value = result
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function clear(): void {
    seq++
    page.value = emptyPage<T>()
    loading.value = false
  }

  return { page, loading, load, clear }
}

/** 工地巡检: the sites due, the rectification notices, the inspections recorded, and their photos. */
export const useInspectionsStore = defineStore('inspections', () => {
  const api = useApi()
  const due = pagedList((input: InspectionDueInput) => api.api.inspections.due(input))
  const rectifications = pagedList((input: RectificationListInput) => api.api.inspections.rectifications(input))
  const records = pagedList((input: InspectionListInput) => api.api.inspections.list(input))

  function get(id: number): Promise<Inspection> {
    return api.api.inspections.get({ id })
  }

  function record(input: InspectionRecordInput): Promise<Inspection> {
    return api.api.inspections.record(input)
  }

  function recheck(input: RecheckInput): Promise<Rectification> {
    return api.api.inspections.recheck(input)
  }

  async function uploadPhoto(inspectionId: number, file: File): Promise<InspectionPhoto> {
    const bytes: FileBytes = { name: file.name, mime: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
    return api.files.uploadInspectionPhoto(inspectionId, bytes)
  }

  /** A Blob URL for a thumbnail or a preview; the caller revokes it. */
  async function photoUrl(photoId: number): Promise<string> {
    const file = await api.files.downloadInspectionPhoto(photoId)
    // a copy: the transport's bytes may be a view into a larger (or shared) buffer
    const copy = new Uint8Array(file.bytes)
    return URL.createObjectURL(new Blob([copy.buffer], { type: file.mime }))
  }

  function clear(): void {
    due.clear()
    rectifications.clear()
    records.clear()
  }

  return {
    duePage: due.page,
    dueLoading: due.loading,
    loadDue: due.load,
    rectificationPage: rectifications.page,
    rectificationsLoading: rectifications.loading,
    loadRectifications: rectifications.load,
    recordPage: records.page,
    recordsLoading: records.loading,
    loadRecords: records.load,
    get,
    record,
    recheck,
    uploadPhoto,
    photoUrl,
    clear,
  }
})

export type { Inspection, InspectionDue, Rectification }
