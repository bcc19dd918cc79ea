import { Index } from 'typeorm';
import { ServiceRecord } from '../services/service-record.entity';

/**
 * The index behind 查体率, 规范管理率 and 控制率: each signed patient's records of the year are found
 * and read from the index alone (no row lookups). Declared here, by the dashboard that reads it,
 * rather than in the services entity; the indicators migration creates it.
 */
Index('IDX_service_records_indicators', ['personId', 'type', 'current', 'serviceDate', 'bloodPressureOnTarget', 'glucoseOnTarget', 'createdAt'])(ServiceRecord);
