/**
 * A proposal's texts long enough to submit (情况说明 ≥ 50, 具体建议 ≥ 30 characters), shared by the 提案 tests so
 * each says only what its own case is about.
 */
export const REASONS =
  '学校教学楼只有一层有饮水机，高年级老师课间需要下楼接水，往返一次要五六分钟，常常来不及，只好不喝水上课，长此以往影响老师的身体健康和上课状态。'
export const SUGGESTION = '建议在教学楼每层走廊增设一台温热饮水机，由总务处统一采购并定期更换滤芯和检测水质。'
